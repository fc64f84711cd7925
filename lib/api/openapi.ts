import "server-only";
import { z } from "zod";
import { registry } from "./handler";
import "./routes";

const errorSchema = z.object({
  error: z.object({
    code: z.enum(["validation", "unauthenticated", "forbidden", "not_found", "conflict", "throttled", "provider", "internal"]),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

const schemaOf = (s: z.ZodType, io: "input" | "output") => z.toJSONSchema(s, { target: "draft-2020-12", io, unrepresentable: "any" });

/** OpenAPI 3.1, built from the same zod schemas that validate requests. */
export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry) {
    const p = r.path.replace(/\[(\w+)\]/g, "{$1}");
    const params = [...p.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (r.query) {
      const js = schemaOf(r.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(js.properties ?? {})) {
        params.push({ name, in: "query", required: (js.required ?? []).includes(name), schema: schema as { type: string } });
      }
    }
    const ok = String(r.successStatus ?? 200);
    const content: Record<string, unknown> = r.response ? { "application/json": { schema: schemaOf(r.response, "output") } } : {};
    for (const type of r.produces ?? []) content[type] = { schema: { type: "string", format: "binary" } };
    (paths[p] ??= {})[r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      security: r.permission ? [{ bearer: [] }] : [],
      ...(r.permission ? { "x-permission": r.permission } : {}),
      parameters: params,
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(r.body, "input") } } } } : {}),
      responses: {
        [ok]: { description: "Success", ...(Object.keys(content).length ? { content } : {}) },
        default: { description: "Error", content: { "application/json": { schema: schemaOf(errorSchema, "output") } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Turnrent API",
      version: "1.0.0",
      description: "Turnover rent for shopping malls. Money is integer minor units (kopecks); rates and areas are decimal strings; dates YYYY-MM-DD; periods YYYY-MM.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An organisation API key (trk_…)" } } },
    paths,
  };
}
