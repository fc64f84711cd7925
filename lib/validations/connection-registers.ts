import { z } from "zod";
import { isValidRnm } from "./identifiers";

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

export const connectionRegisterDto = z.object({
  id: z.string().uuid(),
  rnm: z.string(),
  organizationId: z.string(),
  tenantId: z.string().uuid(),
  tenantName: z.string(),
  place: z.string().nullable(),
});
export type ConnectionRegisterDto = z.infer<typeof connectionRegisterDto>;
