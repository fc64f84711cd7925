import { AppError } from "@/lib/errors";

/**
 * The providers' official hosts: a connection defaults to these. A PRRO service has none: its document names no
 * host (each service runs its own), so its base URL is always given and must be allowed by the operator.
 */
export const OFFICIAL_BASE_URL = { renta: "https://lk.ofd.ru", kontur: "https://ofd-project.kontur.ru:11002", yandex: "https://api.ofd.yandex.net", prro: null } as const;

/**
 * A connection may only point at its provider's official origin, an origin listed in
 * TURNRENT_PROVIDER_URL_ALLOWLIST, or the built-in demo simulator — otherwise anyone able to edit a
 * connection could make the server send a landlord's OFD password to a host of their choosing.
 */
export function checkBaseUrl(provider: keyof typeof OFFICIAL_BASE_URL, raw: string | undefined, env: Record<string, string | undefined> = process.env): string {
  const official = OFFICIAL_BASE_URL[provider];
  const url = raw ?? official;
  if (!url) throw new AppError("validation", "Enter the service's base URL", { baseUrl: ["Enter the PRRO service's API address, e.g. https://api.example.ua"] });
  let origin: string;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    if (u.username || u.password) throw new Error();
    origin = u.origin;
  } catch {
    throw new AppError("validation", "Enter a valid http(s) URL", { baseUrl: ["Enter a valid http(s) URL without credentials"] });
  }
  const allowed = new Set(official ? [new URL(official).origin] : []);
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
      baseUrl: [allowed.size ? `Only ${[...allowed].join(", ")} (ask the operator to add a host to TURNRENT_PROVIDER_URL_ALLOWLIST)` : "No host is allowed yet: ask the operator to add this one to TURNRENT_PROVIDER_URL_ALLOWLIST"],
    });
  }
  return url.replace(/\/+$/, "");
}
