import "server-only";
import { turnoverDaily } from "@/db/schema";
import type { Db } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { createContract } from "@/lib/contracts/contracts";
import { createKkt, createPremises, createTenant } from "@/lib/tenancy/tenancy";
import { contractInputSchema } from "@/lib/validations/contracts";
import { innFromPrefix } from "@/lib/validations/identifiers";

/**
 * A small demo mall entered by hand: tenants, registers, premises and contracts of every rent mode, with
 * 13 months of daily turnover (source "demo") so statements can be computed on a fresh start. Figures are
 * deterministic (a hash of register and day), in kopecks, with weekends and December busier.
 */
const TENANTS = [
  { name: "ООО «Кофейня на Невском»", unit: "1-01", area: "64.50", mode: "greater_of", base: { perM2Monthly: 350000 }, tiers: [{ from: 0, rate: "8" }], level: 90_000_00 },
  { name: "ООО «Модный дом»", unit: "1-02", area: "212.00", mode: "base_plus_overage", base: { monthly: 60000000 }, tiers: [{ from: 0, rate: "7" }], level: 260_000_00 },
  { name: "ООО «Книжная лавка»", unit: "2-01", area: "140.25", mode: "percentage_only", base: { monthly: 0 }, tiers: [{ from: 0, rate: "10" }, { from: 300000000, rate: "8" }], level: 80_000_00 },
  { name: "ООО «Электромир»", unit: "2-02", area: "380.00", mode: "base_plus_percentage", base: { perM2Yearly: 2400000 }, tiers: [{ from: 0, rate: "3" }], level: 520_000_00 },
  { name: "ООО «Детский мир игрушек»", unit: "2-03", area: "155.75", mode: "greater_of", base: { monthly: 45000000 }, tiers: [{ from: 0, rate: "9" }], level: 150_000_00 },
  { name: "ООО «Спорт-Арена»", unit: "3-01", area: "420.00", mode: "greater_of", base: { perM2Monthly: 200000 }, tiers: [{ from: 0, rate: "6" }, { from: 1500000000, rate: "4.5" }], level: 430_000_00 },
] as const;

function hash(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function seedDemoMall(db: Db, owner: Actor, today = new Date()): Promise<{ contracts: number; turnoverRows: number }> {
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 13, 1));
  const start = iso(from);
  const end = iso(new Date(Date.UTC(from.getUTCFullYear() + 3, from.getUTCMonth(), 0)));
  let rows = 0;
  for (const [i, t] of TENANTS.entries()) {
    const tenant = await createTenant(db, owner, { inn: innFromPrefix(String(780100000 + i * 1117)), kpp: "784101001", name: t.name });
    const rnms = [String(9000000000000000 + i * 20 + 1).padStart(16, "0"), String(9000000000000000 + i * 20 + 2).padStart(16, "0")].slice(0, i % 2 === 0 ? 2 : 1);
    const kktIds: string[] = [];
    for (const rnm of rnms) kktIds.push((await createKkt(db, owner, { rnm, tenantId: tenant.id, place: t.unit })).id);
    const prem = await createPremises(db, owner, { code: t.unit, areaM2: t.area, floor: t.unit[0] });
    await createContract(
      db,
      owner,
      contractInputSchema.parse({
        number: `А-${String(i + 1).padStart(2, "0")}/${from.getUTCFullYear()}`,
        tenantId: tenant.id,
        premisesIds: [prem.id],
        start,
        end,
        currency: "RUB",
        kkts: rnms.map((rnm) => ({ rnm })),
        terms: [{ effectiveFrom: start, mode: t.mode, baseRent: t.base, tiers: t.tiers, basis: { refunds: "net", vat: "included" }, vatOnRent: "22", indexation: { percent: "5", on: "anniversary" } }],
      }),
    );
    const values: (typeof turnoverDaily.$inferInsert)[] = [];
    for (const [k, kktId] of kktIds.entries()) {
      for (let d = new Date(from); d < today; d = new Date(d.getTime() + 86_400_000)) {
        const day = iso(d);
        const h = hash(t.unit, k, day);
        if (h % 97 === 0) continue; // a register silent for a day now and then: the statement flags it
        const weekend = [0, 6].includes(d.getUTCDay()) ? 135n : 100n;
        const season = d.getUTCMonth() === 11 ? 140n : d.getUTCMonth() === 0 ? 85n : 100n;
        const level = BigInt(t.level) / BigInt(kktIds.length);
        const income = (level * weekend * season * BigInt(80 + (h % 41))) / 1_000_000n;
        const refunds = (income * BigInt(h % 4)) / 100n;
        const vatRate = day >= "2026-01-01" ? 22n : 20n;
        values.push({
          orgId: owner.orgId, kktId, day, source: "demo", income, refunds,
          incomeVat: (income * vatRate) / (100n + vatRate), refundsVat: (refunds * vatRate) / (100n + vatRate),
          incomeCash: income / 5n, incomeCashless: income - income / 5n, incomePrepaid: 0n, incomeCredit: 0n,
          refundsCash: refunds / 5n, refundsCashless: refunds - refunds / 5n, refundsPrepaid: 0n, refundsCredit: 0n,
          receipts: Number(income / 150000n) + 1, refundReceipts: Number(refunds / 150000n),
        });
      }
    }
    for (let j = 0; j < values.length; j += 500) await db.insert(turnoverDaily).values(values.slice(j, j + 500));
    rows += values.length;
  }
  return { contracts: TENANTS.length, turnoverRows: rows };
}
