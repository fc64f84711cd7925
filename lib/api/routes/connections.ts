import "server-only";
import { z } from "zod";
import { createConnection, listConnectionDtos, updateConnection } from "@/lib/connections/connections";
import { connectionDto, createConnectionSchema, updateConnectionSchema } from "@/lib/validations/connections";
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
