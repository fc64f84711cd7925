import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import type { Engine } from "@/db/engine";
import { loadContracts } from "@/db/queries/contracts";
import * as q from "@/db/queries/statements";
import { toEngineContract } from "@/lib/contracts/mapping";
import { aggregateDays, computeMonth, type DayTurnover, type Statement } from "@/lib/rent";
import { fromDay, periodBounds } from "@/lib/rent/calendar";
import { createTestEngine, testEngines } from "@/test/db";
import { createOrgFixture, type OrgFixture } from "@/test/fixtures";
import { jsonSafe, statementColumns } from "./dto";
import { computeStatements, issueStatement, listStatements, reviseStatement } from "./statements";

const P = "2026-03"; // 31 days
const d = (n: number) => `${P}-${String(n).padStart(2, "0")}`;
const id = () => crypto.randomUUID();

type Row = { kkt: string; day: string; source: string; income: number; refunds: number; incomeVat?: number | null; refundsVat?: number | null; forms?: (number | null)[] | null };

/**
 * The per-day reference: every stored row of the contract's registers in the month (loadTurnover), one per
 * register and day — the best-ranked source, on a tie the source first bytewise — fed to computeMonth.
 */
async function perDay(engine: Engine, orgId: string, contractId: string) {
  const { first, last } = periodBounds(P);
  const [c] = await loadContracts(engine.db, orgId, { ids: [contractId] });
  const stored = await q.loadTurnover(engine.db, orgId, [...new Set(c.kkts.map((k) => k.kktId))], fromDay(first), fromDay(last));
  const best = new Map<string, (typeof stored)[number]>();
  const rank = (s: string) => q.SOURCE_RANK(s) * 2 ** 20;
  for (const r of stored) {
    const key = `${r.kktId}:${r.day}`;
    const cur = best.get(key);
    if (!cur || rank(r.source) < rank(cur.source) || (rank(r.source) === rank(cur.source) && Buffer.compare(Buffer.from(r.source), Buffer.from(cur.source)) < 0)) best.set(key, r);
  }
  const u = <T,>(v: T | null) => (v === null ? undefined : v);
  const form = (a: bigint | null, b: bigint | null, c2: bigint | null, e: bigint | null) => (a === null && b === null && c2 === null && e === null ? undefined : { cash: a ?? 0n, cashless: b ?? 0n, prepaid: c2 ?? 0n, credit: e ?? 0n });
  const rows: DayTurnover[] = [...best.values()].map((r) => ({
    kktId: r.kktId,
    day: r.day,
    income: r.income,
    refunds: r.refunds,
    incomeVat: u(r.incomeVat),
    refundsVat: u(r.refundsVat),
    incomeByForm: form(r.incomeCash, r.incomeCashless, r.incomePrepaid, r.incomeCredit),
    refundsByForm: form(r.refundsCash, r.refundsCashless, r.refundsPrepaid, r.refundsCredit),
    source: r.source,
  }));
  const adjustments = (await q.loadAdjustments(engine.db, orgId, [contractId], P)).map((a) => ({ amount: a.amount, reason: a.reason, author: a.author }));
  return { contract: toEngineContract(c), rows, adjustments };
}

async function perDayStatement(engine: Engine, orgId: string, contractId: string): Promise<Statement> {
  const { contract, rows, adjustments } = await perDay(engine, orgId, contractId);
  return computeMonth(contract, P, rows, adjustments);
}

describe.each(testEngines)("turnover aggregated in SQL = computeMonth on the per-day rows, on %s", (kind) => {
  let engine: Engine;
  let A: OrgFixture;
  const K: Record<string, string> = {};
  const C: Record<string, string> = {};

  const addRows = async (rows: Row[]) => {
    for (const r of rows) {
      const f = r.forms === undefined ? [Math.floor(r.income / 2), r.income - Math.floor(r.income / 2), 0, 0, r.refunds, 0, 0, 0] : r.forms === null ? Array(8).fill(null) : r.forms;
      await engine.query(
        `insert into turnover_daily (org_id, kkt_id, day, source, income, refunds, income_vat, refunds_vat, income_cash, income_cashless, income_prepaid, income_credit,
                                     refunds_cash, refunds_cashless, refunds_prepaid, refunds_credit)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [A.id, K[r.kkt], r.day, r.source, r.income, r.refunds, r.incomeVat === undefined ? Math.floor(r.income / 6) : r.incomeVat, r.refundsVat === undefined ? Math.floor(r.refunds / 6) : r.refundsVat, ...f],
      );
    }
  };

  beforeAll(async () => {
    engine = await createTestEngine(kind);
    A = await createOrgFixture(engine, "Aggregates Mall");
    const tenant = id();
    await engine.query(`insert into tenants (id, org_id, inn, kpp, name, source) values ($1, $2, '7707083893', '773601001', 'ООО «Тест»', 'manual')`, [tenant, A.id]);
    const prem = id();
    await engine.query(`insert into premises (id, org_id, code, floor, area_m2) values ($1, $2, 'P-1', '1', 85.25)`, [prem, A.id]);
    for (const [i, k] of ["k1", "k2", "k3", "k4", "k5", "k6", "k7"].entries()) {
      K[k] = id();
      await engine.query(`insert into kkts (id, org_id, rnm, tenant_id) values ($1, $2, $3, $4)`, [K[k], A.id, `000000000000000${i + 1}`, tenant]);
    }
    const contract = async (name: string, start: string, end: string, assignments: [string, string, string][], terms: Record<string, unknown> = {}) => {
      C[name] = id();
      await engine.query(`insert into contracts (id, org_id, number, tenant_id, start_date, end_date, currency, status, lease_year_reconciliation) values ($1, $2, $3, $4, $5, $6, 'RUB', 'active', false)`, [C[name], A.id, name, tenant, start, end]);
      await engine.query(`insert into contract_premises (org_id, contract_id, premises_id) values ($1, $2, $3)`, [A.id, C[name], prem]);
      for (const [k, from, to] of assignments) await engine.query(`insert into contract_kkts (org_id, contract_id, kkt_id, valid_from, valid_to) values ($1, $2, $3, $4, $5)`, [A.id, C[name], K[k], from, to]);
      const t = { mode: "greater_of", base: 10_000_000, tiers: [{ from: "0", rate: "8" }, { from: "50000000", rate: "6.5" }], refunds: "net", vat: "included", excluded: null, vatOnRent: "22", ...terms };
      await engine.query(
        `insert into contract_terms (org_id, contract_id, effective_from, mode, base_rent_kind, base_rent_amount, tiers, basis_refunds, basis_vat, excluded_forms, vat_on_rent, vat_inclusive)
         values ($1, $2, $3, $4, 'monthly', $5, $6, $7, $8, $9, $10, false)`,
        [A.id, C[name], start, t.mode, t.base, JSON.stringify(t.tiers), t.refunds, t.vat, t.excluded, t.vatOnRent],
      );
    };
    // C1: the whole month; k1 has several sources on some days; k2 is assigned twice (overlapping windows).
    await contract("C1", "2025-01-01", "2027-12-31", [["k1", "2025-01-01", "2027-12-31"], ["k2", "2025-01-01", d(20)], ["k2", d(10), "2027-12-31"]], { excluded: ["prepaid"], vat: "excluded" });
    // k3 moves from C2 to C3 on the 16th.
    await contract("C2", "2025-01-01", "2027-12-31", [["k3", "2025-01-01", d(15)]], { mode: "percentage_only", base: 0 });
    // k7 is assigned to C3 twice with a gap (the 6th to the 19th are not counted).
    await contract("C3", "2025-01-01", "2027-12-31", [["k3", d(16), "2027-12-31"], ["k7", "2025-01-01", d(5)], ["k7", d(20), "2027-12-31"]], { refunds: "gross" });
    // C4 starts on the 10th (prorated), gross, VAT excluded; adjustments.
    await contract("C4", d(10), "2027-12-31", [["k4", d(10), "2027-12-31"]], { mode: "base_plus_overage", refunds: "gross", vat: "excluded", excluded: ["cash", "credit"] });
    // C5 ends on the 20th (prorated); k5 has turnover after it.
    await contract("C5", "2025-01-01", d(20), [["k5", "2025-01-01", d(20)]], { mode: "base_plus_percentage", vatOnRent: null });
    // C6: no turnover at all. C7: ended before the month.
    await contract("C6", "2025-01-01", "2027-12-31", [["k6", "2025-01-01", "2027-12-31"]]);
    await contract("C7", "2025-01-01", "2026-02-28", [["k6", "2025-01-01", "2026-02-28"]]);

    const rows: Row[] = [];
    const PROVIDER = "renta:kkt-full-data";
    for (let n = 1; n <= 31; n++) {
      if (n !== 9) rows.push({ kkt: "k1", day: d(n), source: PROVIDER, income: 1_000_000 + n * 1_003, refunds: n % 4 === 0 ? 20_000 + n : 0, refundsVat: n === 12 ? null : undefined });
      rows.push({ kkt: "k2", day: d(n), source: PROVIDER, income: 700_000 + n * 17, refunds: n % 3 === 0 ? 5_000 : 0, incomeVat: n % 5 === 0 ? null : undefined, forms: n === 14 ? null : undefined });
      if (n !== 2) rows.push({ kkt: "k3", day: d(n), source: PROVIDER, income: 300_000 + n * 101, refunds: n === 20 ? 9_000 : 0 });
      if (n % 7 !== 3) rows.push({ kkt: "k4", day: d(n), source: PROVIDER, income: 2_500_000 + n * 7, refunds: n === 15 ? 100_000 : 0, incomeVat: n === 11 ? null : undefined, refundsVat: null, forms: n === 13 ? null : [1_000_000, 1_400_000 + n * 7, 100_000, null, 100_000, null, null, null].map((x) => (n === 15 || x === null ? x : x)) as (number | null)[] });
      rows.push({ kkt: "k5", day: d(n), source: PROVIDER, income: 50_000 * n, refunds: 0 });
      rows.push({ kkt: "k7", day: d(n), source: PROVIDER, income: 10_000, refunds: 0 });
    }
    // Several sources on one day: a person's entry beats the provider, the provider beats the tenant's report,
    // the tenant's report counts where it is alone, and two providers on one day: the first bytewise.
    rows.push({ kkt: "k1", day: d(5), source: "manual", income: 9_999_999, refunds: 1, refundsVat: null, forms: null });
    rows.push({ kkt: "k1", day: d(6), source: "tenant-reported", income: 1, refunds: 0 });
    rows.push({ kkt: "k1", day: d(9), source: "tenant-reported", income: 123_456, refunds: 0, incomeVat: null });
    rows.push({ kkt: "k1", day: d(8), source: "ofd:other", income: 777_777, refunds: 7, incomeVat: 1 });
    rows.push({ kkt: "k3", day: d(18), source: "manual", income: 5, refunds: 0 });
    rows.push({ kkt: "k3", day: d(2), source: "tenant-reported", income: 42_000, refunds: 0 });
    // Outside the month: never counted.
    rows.push({ kkt: "k1", day: "2026-02-28", source: PROVIDER, income: 10 ** 9, refunds: 0 });
    rows.push({ kkt: "k2", day: "2026-04-01", source: "manual", income: 10 ** 9, refunds: 0 });
    await addRows(rows);
    await engine.query(`insert into turnover_adjustments (org_id, contract_id, period, amount, reason, author_user_id) values ($1, $2, $3, 150000, 'late receipt', $4), ($1, $2, $3, -2000, 'refund fix', null)`, [A.id, C.C4, P, A.users.owner.id]);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it("gives per (contract, register) what aggregating the picked per-day rows gives", async () => {
    const months = await q.loadTurnoverMonths(engine.db, A.id, P);
    expect([...months.keys()].sort()).toEqual([C.C1, C.C2, C.C3, C.C4, C.C5, C.C6].sort());
    const byKkt = (a: { kktId: string }, b: { kktId: string }) => a.kktId.localeCompare(b.kktId);
    for (const name of ["C1", "C2", "C3", "C4", "C5", "C6"]) {
      const { contract, rows } = await perDay(engine, A.id, C[name]);
      const sqlMonths = months.get(C[name])!.months.filter((m) => m.presentDays !== 0);
      expect({ name, months: [...sqlMonths].sort(byKkt) }).toEqual({ name, months: aggregateDays(contract, P, rows).sort(byKkt) });
    }
    // k2 is assigned twice to C1: every day once.
    const k2 = months.get(C.C1)!.months.find((x) => x.kktId === K.k2)!;
    expect(k2.presentDays).toBe(2 ** 31 - 1);
    expect(k2.income).toBe(BigInt(Array.from({ length: 31 }, (_, i) => 700_000 + (i + 1) * 17).reduce((a, b) => a + b, 0)));
    expect(k2.formsMissingIncome).toBe(true);
    expect(months.get(C.C1)!.windows.get(K.k2)).toBe(2 ** 31 - 1);
    // k3 moved: C2 counts days 1–15 (the 2nd from the tenant's report), C3 days 16–31 (the 18th from the manual entry).
    const k3a = months.get(C.C2)!.months.find((x) => x.kktId === K.k3)!;
    const k3b = months.get(C.C3)!.months.find((x) => x.kktId === K.k3)!;
    expect(k3a.presentDays).toBe(2 ** 15 - 1);
    expect(k3b.presentDays).toBe(2 ** 31 - 2 ** 15);
    expect(k3a.income).toBe(BigInt(Array.from({ length: 15 }, (_, i) => (i + 1 === 2 ? 42_000 : 300_000 + (i + 1) * 101)).reduce((a, b) => a + b, 0)));
    expect(k3b.income).toBe(BigInt(Array.from({ length: 16 }, (_, i) => (i + 16 === 18 ? 5 : 300_000 + (i + 16) * 101)).reduce((a, b) => a + b, 0)));
    // k1: the manual entry on the 5th, the provider on the 6th, the tenant on the 9th, "ofd:other" on the 8th.
    const k1 = months.get(C.C1)!.months.find((x) => x.kktId === K.k1)!;
    expect(k1.presentDays).toBe(2 ** 31 - 1);
    const k7 = months.get(C.C3)!.months.find((x) => x.kktId === K.k7)!;
    expect(k7).toMatchObject({ presentDays: 2 ** 31 - 2 ** 19 + 2 ** 5 - 1, income: 17n * 10_000n });
    expect(months.get(C.C3)!.windows.get(K.k7)).toBe(2 ** 31 - 2 ** 19 + 2 ** 5 - 1);
    expect(k1.refundVatMissing).toBe(true);
    expect(k1.formsMissingRefunds).toBe(true);
    expect(months.get(C.C6)!.months[0]).toMatchObject({ presentDays: 0, income: 0n, refundVatMissing: false });
  });

  it("computeStatements stores, for every contract, the statement computeMonth makes of the per-day rows", async () => {
    const owner = A.users.owner.actor;
    const out = await computeStatements(engine.db, owner, { period: P });
    expect(out.map((s) => s.contractId).sort()).toEqual([C.C1, C.C2, C.C3, C.C4, C.C5, C.C6].sort());
    const stored = await q.latestStatements(engine.db, A.id, P);
    for (const name of ["C1", "C2", "C3", "C4", "C5", "C6"]) {
      const expected = await perDayStatement(engine, A.id, C[name]);
      const cols = statementColumns(expected);
      const row = stored.get(C[name])!;
      expect({ name, turnover: row.turnover, baseRent: row.baseRent, percentageRent: row.percentageRent, rent: row.rent, vat: row.vat, total: row.total, lines: row.lines, flags: row.flags, inputs: row.inputs }).toEqual({
        name,
        ...cols,
        inputs: JSON.parse(JSON.stringify(cols.inputs)),
        flags: JSON.parse(JSON.stringify(cols.flags)),
        lines: JSON.parse(JSON.stringify(cols.lines)),
      });
      const dto = out.find((s) => s.contractId === C[name])!;
      expect(dto.total).toBe(expected.total);
    }
    // The data exercise what they should: flags of every kind, adjustments, prorating.
    const c1 = stored.get(C.C1)!;
    expect((c1.flags as { code: string }[]).map((f) => f.code).sort()).toEqual(["entered_days", "form_breakdown_missing", "form_breakdown_missing", "refund_vat_derived", "tenant_reported_days"]);
    // The days no provider's figures counted for: k1's 5th entered by hand, its 9th from the tenant's report (the 6th's report lost to the provider).
    const daysOf = (flags: unknown, code: string) => (flags as { code: string; days?: string[] }[]).filter((f) => f.code === code).map((f) => f.days);
    expect(daysOf(c1.flags, "entered_days")).toEqual([[d(5)]]);
    expect(daysOf(c1.flags, "tenant_reported_days")).toEqual([[d(9)]]);
    // k3 moved mid-month: C2 counts the 2nd from the tenant's report, C3 the 18th entered by hand.
    expect(daysOf(stored.get(C.C2)!.flags, "tenant_reported_days")).toEqual([[d(2)]]);
    expect((stored.get(C.C3)!.flags as { code: string; days?: string[] }[]).map((f) => [f.code, f.days])).toEqual([["entered_days", [d(18)]]]);
    expect((stored.get(C.C4)!.lines as { key: string }[]).map((l) => l.key)).toEqual(expect.arrayContaining(["adjustment.1", "adjustment.2", "base.prorated"]));
    expect((stored.get(C.C6)!.flags as { code: string; days?: string[] }[])[0].days).toHaveLength(31);
    expect(jsonSafe(stored.get(C.C5)!.turnover)).toBe(String(BigInt(Array.from({ length: 20 }, (_, i) => 50_000 * (i + 1)).reduce((a, b) => a + b, 0))));

    // Recompute in place: identical; then an issued statement is flagged when its turnover changes, and a revision
    // computes from the aggregates as well.
    const again = await computeStatements(engine.db, owner, { period: P });
    expect(again).toEqual(out.map((s) => ({ ...s, computedAt: again.find((x) => x.id === s.id)!.computedAt })));
    const c1Id = out.find((s) => s.contractId === C.C1)!.id;
    await issueStatement(engine.db, owner, c1Id);
    await addRows([{ kkt: "k2", day: d(3), source: "manual", income: 1_234_567, refunds: 0 }]);
    const third = await computeStatements(engine.db, owner, { period: P });
    expect(third.find((s) => s.id === c1Id)).toMatchObject({ status: "issued", needsRevision: true, total: out.find((s) => s.id === c1Id)!.total });
    const revised = await reviseStatement(engine.db, owner, c1Id, "manual entry of the 3rd");
    const expected = await perDayStatement(engine, A.id, C.C1);
    expect(revised).toMatchObject({ revision: 2, status: "draft", turnover: expected.turnover, total: expected.total });
    expect(revised.lines.slice(0, -1).map((l) => [l.key, l.amount])).toEqual(expected.lines.map((l) => [l.key, l.amount]));
  });

  it("a subset of contracts is computed alone; a contract not active in the month is not found", async () => {
    const owner = A.users.owner.actor;
    const some = await computeStatements(engine.db, owner, { period: P, contractIds: [C.C3, C.C5] });
    expect(some.map((s) => s.contractId).sort()).toEqual([C.C3, C.C5].sort());
    await expect(computeStatements(engine.db, owner, { period: P, contractIds: [C.C7] })).rejects.toMatchObject({ code: "not_found" });
  });

  it("a recompute rewrites the drafts whose content changed (or was not written by it); the others only get a new computed time", async () => {
    const owner = A.users.owner.actor;
    const before = await computeStatements(engine.db, owner, { period: P });
    const drafts = before.filter((s) => s.status === "draft");
    expect(drafts.length).toBeGreaterThanOrEqual(5);
    type Stored = { id: string; content_hash: string | null; lines: string; inputs: string; computed_at: string };
    const read = async () =>
      new Map(
        ((await engine.query(`select id::text, content_hash, lines::text, inputs::text, computed_at::text from rent_statements where org_id = $1 and period = $2`, [A.id, P])).rows as Stored[]).map((r) => [r.id, r]),
      );
    const r0 = await read();
    for (const s of drafts) expect(r0.get(s.id)!.content_hash).toMatch(/^[\w-]{43}$/);

    // C5's turnover changes (a person's entry for the 1st beats the provider's); C6's draft is left as another
    // writer (or an older version) would have left it: no hash, and lines that are not what it computes.
    await addRows([{ kkt: "k5", day: d(1), source: "manual", income: 1, refunds: 0 }]);
    const c5 = drafts.find((s) => s.contractId === C.C5)!;
    const c6 = drafts.find((s) => s.contractId === C.C6)!;
    await engine.query(`update rent_statements set content_hash = null, lines = '[]'::jsonb where id = $1`, [c6.id]);
    await new Promise((r) => setTimeout(r, 5));
    const after = await computeStatements(engine.db, owner, { period: P });
    const r1 = await read();

    const c5After = after.find((s) => s.id === c5.id)!;
    expect(c5After.turnover).toBe(c5.turnover - 50_000n + 1n);
    expect(r1.get(c5.id)!.content_hash).not.toBe(r0.get(c5.id)!.content_hash);
    expect(r1.get(c5.id)!.inputs).not.toBe(r0.get(c5.id)!.inputs);
    expect(r1.get(c6.id)).toMatchObject({ content_hash: r0.get(c6.id)!.content_hash, lines: r0.get(c6.id)!.lines });
    // C1's draft is revision 2 (made in an earlier test): recomputed, it still ends with its difference to the
    // issued revision 1 — once, and for the new total.
    const c1 = drafts.find((s) => s.contractId === C.C1)!;
    expect(c1.revision).toBe(2);
    const diffOf = (x: typeof c1) => x.lines.filter((l) => l.key === "revision.difference");
    expect(diffOf(c1)).toHaveLength(1);
    expect(c1.lines.at(-1)!.key).toBe("revision.difference");
    for (const s of drafts.filter((x) => x.id !== c5.id)) {
      expect(r1.get(s.id)).toMatchObject({ content_hash: r0.get(s.id)!.content_hash, lines: r0.get(s.id)!.lines, inputs: r0.get(s.id)!.inputs });
      expect(r1.get(s.id)!.computed_at > r0.get(s.id)!.computed_at).toBe(true);
      expect(after.find((x) => x.id === s.id)).toEqual({ ...s, computedAt: after.find((x) => x.id === s.id)!.computedAt });
    }
    // A change of C1's turnover: the revision's draft is rewritten and its difference follows the new total.
    const issuedTotal = c1.total - diffOf(c1)[0].amount!;
    await addRows([{ kkt: "k2", day: d(4), source: "manual", income: 2_000_000_000, refunds: 0 }]);
    const third = await computeStatements(engine.db, owner, { period: P });
    const c1Third = third.find((s) => s.id === c1.id)!;
    expect(c1Third.total).toBeGreaterThan(c1.total);
    expect(diffOf(c1Third)).toHaveLength(1);
    expect(c1Third.lines.at(-1)).toMatchObject({ key: "revision.difference", amount: c1Third.total - issuedTotal });
    expect(c1Third.lines.at(-1)!.formula).toContain("reason: manual entry of the 3rd");

    // What the call returned is what a read gives, field for field.
    const back = new Map((await listStatements(engine.db, owner, P)).map((s) => [s.id, s]));
    expect(third.filter((s) => s.status === "draft").length).toBe(drafts.length);
    for (const s of third) expect(s).toEqual(back.get(s.id));
  });
});
