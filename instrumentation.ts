export async function register() {
  // Turbopack compiles this for the edge too; the database is Node-only.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot");
    try {
      await boot();
    } catch (e) {
      // A server that cannot open or migrate its database must not serve half-working pages.
      console.error("[turnrent] start-up failed:", e instanceof Error ? e.message : e);
      process.exit(1);
    }
  }
}
