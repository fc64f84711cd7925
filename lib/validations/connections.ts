import { z } from "zod";

export const PROVIDERS = ["renta"] as const;

export const rentaCredentialsSchema = z.object({
  login: z.string().trim().min(1, "Enter the OFD.ru login").max(320),
  password: z.string().min(1, "Enter the OFD.ru password").max(512),
});

export const createConnectionSchema = z.object({
  provider: z.enum(PROVIDERS, { message: "Choose a provider" }),
  name: z.string().trim().min(1, "Name the connection").max(120),
  baseUrl: z.string().trim().url("Enter a full URL such as https://lk.ofd.ru").max(500).optional(),
  credentials: rentaCredentialsSchema,
});
export type CreateConnectionInput = z.infer<typeof createConnectionSchema>;

export const updateConnectionSchema = z.object({
  id: z.string().uuid(),
  name: z.string().trim().min(1, "Name the connection").max(120).optional(),
  baseUrl: z.string().trim().url("Enter a full URL").max(500).optional(),
  credentials: rentaCredentialsSchema.optional(),
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
