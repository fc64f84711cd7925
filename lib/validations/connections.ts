import { z } from "zod";

export const PROVIDERS = ["renta", "kontur"] as const;
export type ProviderKind = (typeof PROVIDERS)[number];

export const PROVIDER_NAMES: Record<ProviderKind, string> = { renta: "OFD.ru Renta", kontur: "Kontur.OFD" };

export const rentaCredentialsSchema = z.object({
  login: z.string().trim().min(1, "Enter the OFD.ru login").max(320),
  password: z.string().min(1, "Enter the OFD.ru password").max(512),
});
export type RentaCredentials = z.infer<typeof rentaCredentialsSchema>;

/** Kontur.OFD: the integrator's API key (X-Kontur-Ofd-ApiKey) and the user's session (Authorization: auth.sid …). */
export const konturCredentialsSchema = z.object({
  apiKey: z.string().trim().min(1, "Enter the Kontur.OFD API key").max(200).regex(/^[\x21-\x7e]+$/, "An API key is printable characters without spaces"),
  sid: z.string().trim().min(1, "Enter the auth.sid").max(2000).regex(/^[\x21-\x7e]+$/, "An auth.sid is printable characters without spaces"),
});
export type KonturCredentials = z.infer<typeof konturCredentialsSchema>;

export const CREDENTIALS_SCHEMA = { renta: rentaCredentialsSchema, kontur: konturCredentialsSchema } as const;
export type Credentials<P extends ProviderKind = ProviderKind> = z.infer<(typeof CREDENTIALS_SCHEMA)[P]>;

const name = z.string().trim().min(1, "Name the connection").max(120);
const baseUrl = z.string().trim().url("Enter a full URL such as https://lk.ofd.ru").max(500);

export const createConnectionSchema = z.discriminatedUnion(
  "provider",
  [
    z.object({ provider: z.literal("renta"), name, baseUrl: baseUrl.optional(), credentials: rentaCredentialsSchema }),
    z.object({ provider: z.literal("kontur"), name, baseUrl: baseUrl.optional(), credentials: konturCredentialsSchema }),
  ],
  { error: "Choose a provider: renta or kontur" },
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
