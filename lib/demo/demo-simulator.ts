import "server-only";

/**
 * A built-in simulator started for the demo: its origin joins the ones a connection may point at
 * (TURNRENT_DEMO_SIMULATOR_ORIGIN, comma-separated, whichever simulator starts first); one that cannot start is
 * left out with a warning, and the demo goes on without it.
 */
export function demoSimulator<T extends { url: string }>(name: string, port: number, start: Promise<T>): Promise<T | null> {
  return start
    .then((sim) => {
      const origins = new Set((process.env.TURNRENT_DEMO_SIMULATOR_ORIGIN ?? "").split(",").filter(Boolean));
      origins.add(new URL(sim.url).origin);
      process.env.TURNRENT_DEMO_SIMULATOR_ORIGIN = [...origins].join(",");
      return sim;
    })
    .catch((e) => {
      console.warn(`[turnrent] demo ${name} simulator not started on port ${port}: ${e instanceof Error ? e.message : e}`);
      return null;
    });
}
