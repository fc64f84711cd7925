import { z } from "zod";
import { isValidFiscalNumber, isValidRnm } from "./identifiers";

/**
 * A register added to a Kontur.OFD or Yandex OFD connection: its RNM, the provider's id of the company it belongs
 * to there (Kontur's `organizationId` — the document's own example is not a hex UUID — or Yandex's company id such
 * as "301"; any opaque id of letters, digits and dashes is taken) and the tenant it is the register of.
 */
export const connectionRegisterSchema = z.object({
  rnm: z.string().trim().refine(isValidRnm, "The registration number (RNM) is 16 digits"),
  organizationId: z.string().trim().min(1, "Enter the provider's organisation id").max(100).regex(/^[A-Za-z0-9-]+$/, "Letters, digits and dashes, as the provider shows it"),
  tenantId: z.string().uuid("Choose the tenant"),
  place: z.string().trim().max(200).optional(),
});
export type ConnectionRegisterInput = z.infer<typeof connectionRegisterSchema>;

/**
 * A register added to a PRRO connection: its fiscal number alone — the service tells whose register it is (tin,
 * org_name). Without a tenant, the tenant the service names is used (found by its tax number, or added).
 */
export const prroRegisterSchema = z.object({
  rnm: z.string().trim().refine(isValidFiscalNumber, "A PRRO fiscal number is 10 digits"),
  tenantId: z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("Choose the tenant").optional()),
  place: z.string().trim().max(200).optional(),
});
export type PrroRegisterInput = z.infer<typeof prroRegisterSchema>;

/** What the route and the action take before they know the connection's provider; each provider's schema then applies. */
export const anyRegisterSchema = z.object({
  rnm: z.string({ error: "Enter the register's number" }),
  organizationId: z.string().optional(),
  tenantId: z.string().optional(),
  place: z.string().optional(),
});

export const registerSchemaFor = (provider: string) => (provider === "prro" ? prroRegisterSchema : connectionRegisterSchema);

export const connectionRegisterDto = z.object({
  id: z.string().uuid(),
  rnm: z.string(),
  organizationId: z.string(),
  tenantId: z.string().uuid(),
  tenantName: z.string(),
  place: z.string().nullable(),
});
export type ConnectionRegisterDto = z.infer<typeof connectionRegisterDto>;
