import { jsonResponse } from "@/lib/api/json";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";
export function GET(req: Request) {
  return jsonResponse(buildOpenApiDocument(new URL(req.url).origin));
}
