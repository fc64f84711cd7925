/**
 * Entry of `npm run bench:rent` (tsx bench/rent.ts). Registers the "server-only" hook first, then loads
 * the benchmark with a dynamic import, so every lib module is resolved through the hook.
 */
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);
await import("./rent-bench");
