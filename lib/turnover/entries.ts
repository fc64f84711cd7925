import "server-only";
import type { Db } from "@/db/engine";
import { deleteTurnoverDay, getRegister, registerDays, upsertTurnoverDays, type DayRowInput } from "@/db/queries/registers";
import { findKktsByRnm } from "@/db/queries/tenancy";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { flagLateTurnover } from "@/lib/statements/late-turnover";
import { isoDate } from "@/lib/validations/contracts";
import { ENTERED_SOURCES, type DayEntryInput, type EnteredSource } from "@/lib/validations/turnover";

/**
 * Turnover a person gives for a register's day: typed in ("manual", which counts over the provider's) or from
 * the tenant's own sales report ("tenant-reported", which counts only where nothing better exists). Each is its
 * own row beside the provider's, so nothing a sync stored is overwritten, and removing an entry brings the
 * provider's figures back. Issued statements of the months touched are then checked, and flagged "needs
 * revision" if their turnover moved (never changed).
 */

const json = (v: bigint | undefined) => (v === undefined ? undefined : v.toString());

function row(orgId: string, kktId: string, day: string, e: DayEntryInput): DayRowInput {
  return {
    orgId, kktId, day, source: e.source, income: e.income, refunds: e.refunds,
    incomeVat: e.incomeVat ?? null, refundsVat: e.refundsVat ?? null,
    incomeCash: e.incomeCash ?? null, incomeCashless: e.incomeCashless ?? null, incomePrepaid: e.incomePrepaid ?? null, incomeCredit: e.incomeCredit ?? null,
    refundsCash: e.refundsCash ?? null, refundsCashless: e.refundsCashless ?? null, refundsPrepaid: e.refundsPrepaid ?? null, refundsCredit: e.refundsCredit ?? null,
    receipts: e.receipts ?? null, refundReceipts: e.refundReceipts ?? null, syncRunId: null,
  };
}

function checkDay(day: string, today: string, field = "day") {
  if (!isoDate.safeParse(day).success) throw new AppError("validation", "Check the day", { [field]: ["Expected a date as YYYY-MM-DD"] });
  if (day > today) throw new AppError("validation", "Check the day", { [field]: ["A day in the future has no turnover yet"] });
}

/** One register's day, stored as the given source (a second entry of the same source replaces the first). */
export async function enterDay(db: Db, actor: Actor, kktId: string, day: string, e: DayEntryInput, today: string) {
  authorize(actor, "turnover.write");
  checkDay(day, today);
  const reg = await getRegister(db, actor.orgId, kktId);
  if (!reg) throw new AppError("not_found", "Cash register not found");
  await db.transaction(async (tx) => {
    const before = (await registerDays(tx as unknown as Db, actor.orgId, kktId, day, day)).find((r) => r.source === e.source);
    await upsertTurnoverDays(tx, [row(actor.orgId, kktId, day, e)], { onlyChanged: false });
    await recordAudit(tx, actor, {
      action: "turnover.entered",
      entityType: "kkt",
      entityId: kktId,
      before: before ? { day, source: e.source, income: before.income.toString(), refunds: before.refunds.toString() } : null,
      after: { rnm: reg.rnm, day, source: e.source, income: json(e.income), refunds: json(e.refunds), incomeVat: json(e.incomeVat) },
    });
  });
  await flagLateTurnover(db, actor.orgId, day, day);
  const stored = (await registerDays(db, actor.orgId, kktId, day, day)).find((r) => r.source === e.source)!;
  return { kktId, rnm: reg.rnm, ...stored, pulledAt: stored.pulledAt.toISOString() };
}

/** Many registers' days at once (a tenant's monthly report, an accounting system), all or none; registers by RNM. */
export async function enterDays(db: Db, actor: Actor, entries: (DayEntryInput & { rnm: string; day: string })[], today: string) {
  authorize(actor, "turnover.write");
  entries.forEach((x, i) => checkDay(x.day, today, `entries.${i}.day`));
  const ids = new Map((await findKktsByRnm(db, actor.orgId, [...new Set(entries.map((x) => x.rnm))])).map((k) => [k.rnm, k.id]));
  const unknown = entries.flatMap((x, i): [string, string[]][] => (ids.has(x.rnm) ? [] : [[`entries.${i}.rnm`, [`No register ${x.rnm} in this organisation`]]]));
  if (unknown.length) throw new AppError("validation", "Some registers are not in this organisation; nothing was stored", Object.fromEntries(unknown));
  const seen = new Map<string, number>();
  entries.forEach((x, i) => {
    const key = `${x.rnm} ${x.day} ${x.source}`;
    if (seen.has(key)) throw new AppError("validation", "A day is given twice; nothing was stored", { [`entries.${i}`]: [`Same register, day and source as entry ${seen.get(key)}`] });
    seen.set(key, i);
  });
  const days = entries.map((x) => x.day).sort();
  await db.transaction(async (tx) => {
    for (let i = 0; i < entries.length; i += 500) await upsertTurnoverDays(tx, entries.slice(i, i + 500).map((x) => row(actor.orgId, ids.get(x.rnm)!, x.day, x)), { onlyChanged: false });
    await recordAudit(tx, actor, {
      action: "turnover.entered",
      entityType: "kkt",
      entityId: null,
      after: { days: entries.length, registers: new Set(entries.map((x) => x.rnm)).size, from: days[0], to: days[days.length - 1], sources: [...new Set(entries.map((x) => x.source))] },
    });
  });
  await flagLateTurnover(db, actor.orgId, days[0], days[days.length - 1]);
  return { stored: entries.length };
}

/** Remove a person's entry for a day (a provider's row is never removed here). */
export async function removeDay(db: Db, actor: Actor, kktId: string, day: string, source: string, today: string) {
  authorize(actor, "turnover.write");
  if (!(ENTERED_SOURCES as readonly string[]).includes(source)) throw new AppError("validation", "Only figures entered by a person can be removed", { source: ["manual or tenant-reported"] });
  checkDay(day, today);
  const reg = await getRegister(db, actor.orgId, kktId);
  if (!reg) throw new AppError("not_found", "Cash register not found");
  const removed = await db.transaction(async (tx) => {
    const r = await deleteTurnoverDay(tx, actor.orgId, kktId, day, source as EnteredSource);
    if (!r) throw new AppError("not_found", `No ${source} figures for ${day}`);
    await recordAudit(tx, actor, { action: "turnover.removed", entityType: "kkt", entityId: kktId, before: { rnm: reg.rnm, day, source, income: r.income.toString(), refunds: r.refunds.toString() } });
    return r;
  });
  await flagLateTurnover(db, actor.orgId, day, day);
  return { kktId, day, source: removed.source };
}
