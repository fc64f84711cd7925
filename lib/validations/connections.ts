import { z } from "zod";

export const PROVIDERS = ["renta", "kontur", "yandex", "prro"] as const;
export type ProviderKind = (typeof PROVIDERS)[number];

export const PROVIDER_NAMES: Record<ProviderKind, string> = { renta: "OFD.ru Renta", kontur: "Kontur.OFD", yandex: "Yandex OFD", prro: "PRRO (Ukraine)" };

/**
 * Providers whose documented API lists no registers: a person adds each one (Kontur and Yandex with the provider's
 * id of its company, a PRRO by its fiscal number alone).
 */
export const REGISTERS_BY_HAND = ["kontur", "yandex", "prro"] as const satisfies readonly ProviderKind[];
export type ByHandProvider = (typeof REGISTERS_BY_HAND)[number];
export const registersByHand = (p: string): p is ByHandProvider => (REGISTERS_BY_HAND as readonly string[]).includes(p);

export const rentaCredentialsSchema = z.object({
  login: z.string({ error: "Enter the OFD.ru login" }).trim().min(1, "Enter the OFD.ru login").max(320),
  password: z.string({ error: "Enter the OFD.ru password" }).min(1, "Enter the OFD.ru password").max(512),
});
export type RentaCredentials = z.infer<typeof rentaCredentialsSchema>;

/** Kontur.OFD: the integrator's API key (X-Kontur-Ofd-ApiKey) and the user's session (Authorization: auth.sid …). */
export const konturCredentialsSchema = z.object({
  apiKey: z.string({ error: "Enter the Kontur.OFD API key" }).trim().min(1, "Enter the Kontur.OFD API key").max(200).regex(/^[\x21-\x7e]+$/, "An API key is printable characters without spaces"),
  sid: z.string({ error: "Enter the auth.sid" }).trim().min(1, "Enter the auth.sid").max(2000).regex(/^[\x21-\x7e]+$/, "An auth.sid is printable characters without spaces"),
});
export type KonturCredentials = z.infer<typeof konturCredentialsSchema>;

/** Yandex OFD: the authentication key (X-Yandex-Key) and the authorisation key (X-OFD-Key). */
export const yandexCredentialsSchema = z.object({
  yandexKey: z.string({ error: "Enter the X-Yandex-Key" }).trim().min(1, "Enter the X-Yandex-Key").max(500).regex(/^[\x21-\x7e]+$/, "A key is printable characters without spaces"),
  ofdKey: z.string({ error: "Enter the X-OFD-Key" }).trim().min(1, "Enter the X-OFD-Key").max(500).regex(/^[\x21-\x7e]+$/, "A key is printable characters without spaces"),
});
export type YandexCredentials = z.infer<typeof yandexCredentialsSchema>;

/** A Ukrainian PRRO service: the api_token generated in its personal cabinet. */
export const prroCredentialsSchema = z.object({
  apiToken: z.string({ error: "Enter the api_token" }).trim().min(1, "Enter the api_token").max(500).regex(/^[A-Za-z0-9._~-]+$/, "An api_token is letters, digits and . _ ~ -"),
});
export type PrroCredentials = z.infer<typeof prroCredentialsSchema>;

export const CREDENTIALS_SCHEMA = { renta: rentaCredentialsSchema, kontur: konturCredentialsSchema, yandex: yandexCredentialsSchema, prro: prroCredentialsSchema } as const;
export type Credentials<P extends ProviderKind = ProviderKind> = z.infer<(typeof CREDENTIALS_SCHEMA)[P]>;

const name = z.string({ error: "Name the connection" }).trim().min(1, "Name the connection").max(120);
const baseUrl = z.string().trim().url("Enter a full URL such as https://lk.ofd.ru").max(500);

export const createConnectionSchema = z.discriminatedUnion(
  "provider",
  [
    z.object({ provider: z.literal("renta"), name, baseUrl: baseUrl.optional(), credentials: rentaCredentialsSchema }),
    z.object({ provider: z.literal("kontur"), name, baseUrl: baseUrl.optional(), credentials: konturCredentialsSchema }),
    z.object({ provider: z.literal("yandex"), name, baseUrl: baseUrl.optional(), credentials: yandexCredentialsSchema }),
    // A PRRO service's document names no host: its address is always given.
    z.object({ provider: z.literal("prro"), name, baseUrl: z.preprocess((v) => (v === "" ? undefined : v), z.string({ error: "Enter the PRRO service's API address, e.g. https://api.example.ua" }).trim().url("Enter a full URL such as https://api.example.ua").max(500)), credentials: prroCredentialsSchema }),
  ],
  { error: "Choose a provider: renta, kontur, yandex or prro" },
);
export type CreateConnectionInput = z.infer<typeof createConnectionSchema>;

/** New credentials are checked against the connection's own provider (lib/connections), which the body does not name. */
export const updateConnectionSchema = z.object({
  id: z.string().uuid(),
  name: name.optional(),
  baseUrl: z.string().trim().url("Enter a full URL").max(500).optional(),
  credentials: z.record(z.string(), z.string()).optional(),
});

export const connectionDto = z.object({
  id: z.string().uuid(),
  provider: z.enum(PROVIDERS),
  name: z.string(),
  baseUrl: z.string(),
  status: z.enum(["new", "ok", "auth_failed", "error"]),
  hasCredentials: z.boolean(),
  lastError: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ConnectionDto = z.infer<typeof connectionDto>;
