import "server-only";
import { getEngine } from "@/db/client";
import { jsonResponse } from "./json";

/** No authentication: liveness for load balancers. Reveals only the engine kind. */
export async function healthResponse(): Promise<Response> {
  try {
    const engine = await getEngine();
    await engine.query("select 1");
    return jsonResponse({ status: "ok", database: engine.kind });
  } catch {
    return jsonResponse({ status: "error", database: process.env.DATABASE_URL ? "postgres" : "pglite" }, 503);
  }
}
