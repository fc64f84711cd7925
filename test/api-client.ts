import { toJson } from "@/lib/api/json";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Call a route handler the way Next would: a real Request in, a real Response out. */
export async function callRoute(handler: Handler, method: string, path: string, key: string | null, body?: unknown, params: Record<string, string> = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await handler(new Request(`http://test.local${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : toJson(body) }), { params: Promise.resolve(params) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV and other bodies */
  }
  return { status: res.status, text, json: json as Record<string, any>, headers: res.headers };
}
