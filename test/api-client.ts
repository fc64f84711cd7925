import { toJson } from "@/lib/api/json";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Call a route handler the way Next would: a real Request in, a real Response out. */
export async function callRoute(handler: Handler, method: string, path: string, key: string | null, body?: unknown, params: Record<string, string> = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await handler(new Request(`http://test.local${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : toJson(body) }), { params: Promise.resolve(params) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Keep a byte-order mark visible: CSV exports must start with one, and Response.text() strips it.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    /* CSV and other bodies */
  }
  return { status: res.status, text, bytes, json: json as Record<string, any> /* eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary response shapes */, headers: res.headers };
}
