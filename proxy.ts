import { NextResponse, type NextRequest } from "next/server";

/**
 * Headers and redirects only, never authorisation: every page, action and route checks the session
 * or API key itself. Here: a per-request CSP nonce (Next applies it to its own scripts) and the
 * disabled image optimiser.
 */
export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/_next/image")) return new NextResponse(null, { status: 404 });
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|favicon.ico|fonts/).*)" }],
};
