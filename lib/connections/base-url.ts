import { AppError } from "@/lib/errors";

/** The providers' official hosts: a connection defaults to these. */
export const OFFICIAL_BASE_URL = { renta: "https://lk.ofd.ru", kontur: "https://ofd-project.kontur.ru:11002", yandex: "https://api.ofd.yandex.net" } as const;

/**
 * A connection may only point at its provider's official origin, an origin listed in
 * TURNRENT_PROVIDER_URL_ALLOWLIST, or the built-in demo simulator — otherwise anyone able to edit a
 * connection could make the server send a landlord's OFD password to a host of their choosing.
 */
export function checkBaseUrl(provider: keyof typeof OFFICIAL_BASE_URL, raw: string | undefined, env: Record<string, string | undefined> = process.env): string {
  const url = raw ?? OFFICIAL_BASE_URL[provider];
  let origin: string;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    if (u.username || u.password) throw new Error();
    origin = u.origin;
  } catch {
    throw new AppError("validation", "Enter a valid http(s) URL", { baseUrl: ["Enter a valid http(s) URL without credentials"] });
  }
  const allowed = new Set([new URL(OFFICIAL_BASE_URL[provider]).origin]);
  for (const o of (env.TURNRENT_PROVIDER_URL_ALLOWLIST ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    try {
      allowed.add(new URL(o).origin);
    } catch {
      /* a malformed entry allows nothing */
    }
  }
  // The built-in simulators (one origin per provider, comma-separated).
  for (const o of (env.TURNRENT_DEMO_SIMULATOR_ORIGIN ?? "").split(",").filter(Boolean)) allowed.add(o.trim());
  if (!allowed.has(origin)) {
    throw new AppError("validation", "This host is not allowed for provider connections", {
      baseUrl: [`Only ${[...allowed].join(", ")} (ask the operator to add a host to TURNRENT_PROVIDER_URL_ALLOWLIST)`],
    });
  }
  return url.replace(/\/+$/, "");
}
