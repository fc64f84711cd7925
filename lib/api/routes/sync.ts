import "server-only";
import { z } from "zod";
import { discoverConnection } from "@/lib/sync/discovery";
import { getSyncRun, startSyncRun } from "@/lib/sync/runs";
import { isoDate } from "@/lib/validations/contracts";
import { defineRoute, pathId } from "../handler";

const runDto = z.object({
  id: z.string().uuid(), status: z.enum(["queued", "running", "succeeded", "partial", "failed"]), progress: z.object({ done: z.number().int(), total: z.number().int() }), requests: z.number().int(),
  errors: z.array(z.object({ code: z.string(), message: z.string(), cabinetInn: z.string().nullable(), rnms: z.array(z.string()), days: z.array(z.string()) })),
}).passthrough();

export const postDiscover = defineRoute(
  {
    method: "POST", path: "/api/v1/connections/{id}/discover", summary: "Discover the connection's cabinets, tenants, registers and stores (idempotent)", tag: "Connections", permission: "connections.discover",
    response: z.object({ cabinets: z.array(z.object({ id: z.string().uuid(), inn: z.string(), kpp: z.string(), name: z.string(), status: z.string() })), tenants: z.number().int(), kkts: z.number().int(), stores: z.number().int() }),
  },
  async ({ actor, db, params }) => discoverConnection(db, actor, pathId(params)),
);

export const postSyncRun = defineRoute(
  {
    method: "POST", path: "/api/v1/sync-runs", summary: "Start a turnover sync of a connection for a period (runs in the background)", tag: "Sync", permission: "sync.run",
    body: z.object({ connectionId: z.string().uuid(), from: isoDate, to: isoDate }), response: z.object({ id: z.string().uuid(), status: z.string() }), successStatus: 202,
  },
  async ({ actor, db, body }) => startSyncRun(db, actor, actor.orgId, body),
);

export const getSyncRunRoute = defineRoute(
  { method: "GET", path: "/api/v1/sync-runs/{id}", summary: "A sync run's status, progress, requests and errors", tag: "Sync", permission: "sync.read", response: runDto },
  async ({ actor, db, params }) => getSyncRun(db, actor, pathId(params)),
);
