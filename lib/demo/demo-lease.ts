import "server-only";
import type { Db } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { createContract } from "@/lib/contracts/contracts";
import { addDays } from "@/lib/providers/renta/dates";
import { createPremises } from "@/lib/tenancy/tenancy";
import { contractInputSchema } from "@/lib/validations/contracts";

/**
 * A demo tenant's unit and three-year "greater of" lease from `start` over its registers: the shape every demo
 * provider's mall uses, in its own currency, rate per m² and VAT.
 */
export async function demoLease(
  db: Db,
  owner: Actor,
  o: { code: string; areaM2: string; floor: string; tenantId: string; start: string; rnms: string[]; currency: "RUB" | "UAH"; perM2Monthly: number; rate: string; vatOnRent: string },
) {
  const unit = await createPremises(db, owner, { code: o.code, areaM2: o.areaM2, floor: o.floor });
  return createContract(
    db,
    owner,
    contractInputSchema.parse({
      number: `${o.code}/${o.start.slice(0, 4)}`,
      tenantId: o.tenantId,
      premisesIds: [unit.id],
      start: o.start,
      end: addDays(`${Number(o.start.slice(0, 4)) + 3}${o.start.slice(4)}`, -1),
      currency: o.currency,
      kkts: o.rnms.map((rnm) => ({ rnm })),
      terms: [{ effectiveFrom: o.start, mode: "greater_of", baseRent: { perM2Monthly: o.perM2Monthly }, tiers: [{ from: 0, rate: o.rate }], basis: { refunds: "net", vat: "included" }, vatOnRent: o.vatOnRent }],
    }),
  );
}
