import "server-only";
import { z } from "zod";
import { createConnection, deleteConnection, listConnectionDtos, updateConnection } from "@/lib/connections/connections";
import { addConnectionRegister, listConnectionRegisters, removeConnectionRegister } from "@/lib/connections/registers";
import { anyRegisterSchema, connectionRegisterDto } from "@/lib/validations/connection-registers";
import { connectionDto, createConnectionSchema, updateConnectionSchema } from "@/lib/validations/connections";
import { organizationCurrency } from "@/db/queries/members";
import { listPrroShifts } from "@/lib/sync/prro-poll";
import { defineRoute, pathId } from "../handler";

export const postConnection = defineRoute(
  {
    method: "POST",
    path: "/api/v1/connections",
    summary: "Add a provider connection (credentials are encrypted and never returned)",
    tag: "Connections",
    permission: "connections.write",
    body: createConnectionSchema,
    response: connectionDto,
    successStatus: 201,
  },
  async ({ actor, db, body }) => createConnection(db, actor, body),
);

export const getConnections = defineRoute(
  {
    method: "GET",
    path: "/api/v1/connections",
    summary: "List the organisation's provider connections",
    tag: "Connections",
    permission: "connections.read",
    response: z.object({ data: z.array(connectionDto) }),
  },
  async ({ actor, db }) => ({ data: await listConnectionDtos(db, actor) }),
);

export const patchConnection = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/connections/{id}",
    summary: "Rename, move or re-key a connection; a new host clears the stored secret",
    tag: "Connections",
    permission: "connections.write",
    body: updateConnectionSchema.omit({ id: true }),
    response: connectionDto,
  },
  async ({ actor, db, body, params }) => updateConnection(db, actor, { ...body, id: pathId(params) }),
);

export const getConnectionRegisters = defineRoute(
  {
    method: "GET", path: "/api/v1/connections/{id}/kkts", summary: "The registers a Kontur.OFD, Yandex OFD or PRRO connection pulls, with the provider's id of their company (a PRRO's: its tax number)", tag: "Connections", permission: "connections.read",
    response: z.object({ data: z.array(connectionRegisterDto) }),
  },
  async ({ actor, db, params }) => ({ data: await listConnectionRegisters(db, actor, pathId(params)) }),
);

export const postConnectionRegister = defineRoute(
  {
    method: "POST", path: "/api/v1/connections/{id}/kkts",
    summary: "Add a register to a connection: Kontur.OFD and Yandex OFD take { rnm (16 digits), organizationId, tenantId, place? }; a PRRO takes { rnm: the 10-digit fiscal number, tenantId?, place? } and asks the service whose register it is (without tenantId, that tenant is used or added). Its stored days are kept",
    tag: "Connections", permission: "connections.discover",
    body: anyRegisterSchema, response: connectionRegisterDto, successStatus: 201,
  },
  async ({ actor, db, params, body }) => addConnectionRegister(db, actor, pathId(params), body, { fieldPrefix: "body" }),
);

export const deleteConnectionRegister = defineRoute(
  {
    method: "DELETE", path: "/api/v1/connections/{id}/kkts/{kktId}", summary: "Take a register off a connection (the sync stops pulling it; its stored days stay)", tag: "Connections", permission: "connections.discover",
    response: z.object({ id: z.string().uuid(), rnm: z.string() }),
  },
  async ({ actor, db, params }) => removeConnectionRegister(db, actor, pathId(params), pathId(params, "kktId")),
);

export const deleteConnectionRoute = defineRoute(
  {
    method: "DELETE", path: "/api/v1/connections/{id}", summary: "Remove a connection (its secret, cabinets and sync runs); its registers, tenants and turnover stay. 409 while a sync runs", tag: "Connections", permission: "connections.write",
    response: z.object({ id: z.string().uuid(), name: z.string() }),
  },
  async ({ actor, db, params }) => deleteConnection(db, actor, pathId(params)),
);

const shiftDto = z.object({
  kktId: z.string().uuid(), rnm: z.string(), shiftId: z.string(), number: z.number().int().nullable(), day: z.string(), openedAt: z.string(),
  state: z.enum(["open", "closed", "closed_unseen"]), income: z.number().int(), refunds: z.number().int(), receipts: z.number().int(), lastSeenAt: z.string(),
});

export const getConnectionShifts = defineRoute(
  {
    method: "GET", path: "/api/v1/connections/{id}/shifts",
    summary: "The shifts the polls saw on a PRRO connection's registers, newest first (up to 200; money in minor units of the organisation's currency): open ones with their figures so far, closed ones as counted, closed_unseen ones whose day was left without figures",
    tag: "Connections", permission: "connections.read",
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ currency: z.enum(["RUB", "UAH"]), data: z.array(shiftDto) }),
  },
  async ({ actor, db, params, query }) => ({
    currency: await organizationCurrency(db, actor.orgId),
    data: (await listPrroShifts(db, actor, pathId(params), query.limit)).map(({ isOpen, closedUnseen, lastSeenAt, ...s }) => ({
      ...s, state: closedUnseen ? ("closed_unseen" as const) : isOpen ? ("open" as const) : ("closed" as const), lastSeenAt: lastSeenAt.toISOString(),
    })),
  }),
);
