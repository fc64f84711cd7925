import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/engine";
import { findKktsByRnm, listPremises } from "@/db/queries/tenancy";
import * as cq from "@/db/queries/contracts";
import { contracts, tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Actor } from "@/lib/auth/actor";
import { createContract } from "@/lib/contracts/contracts";
import { AppError } from "@/lib/errors";
import { createPremises } from "@/lib/tenancy/tenancy";
import { previewContracts } from "./contracts";
import { previewPremises, type PreviewRow } from "./premises";
import { col, readTable } from "./table";
import { previewTurnover, type TurnoverImportEntry } from "./turnover";
import { enterDays } from "@/lib/turnover/entries";
import { todayUtc } from "@/lib/rent/calendar";

export type ImportKind = "premises" | "contracts" | "turnover";

/** Who may import what: premises and contracts are the admin's, days of turnover the accountant's too. */
const PERMISSION = { premises: "contracts.write", contracts: "contracts.write", turnover: "turnover.write" } as const;

export interface ImportPreview {
  kind: ImportKind;
  headers: string[];
  rows: { line: number; values: Record<string, string>; errors: Record<string, string> }[];
  valid: boolean;
}

async function previewRows(db: Db, actor: Actor, kind: ImportKind, fileName: string, data: Uint8Array): Promise<{ headers: string[]; rows: PreviewRow<unknown>[] }> {
  let table;
  try {
    table = await readTable(fileName, data);
  } catch (e) {
    throw new AppError("validation", e instanceof Error ? e.message : "The file cannot be read", { file: [e instanceof Error ? e.message : "Unreadable file"] });
  }
  if (table.rows.length === 0) throw new AppError("validation", "The file has no rows under its header", { file: ["No rows"] });
  if (kind === "turnover") {
    const rnms = [...new Set(table.rows.map((r) => col(r.values, "rnm", "рнм", "ккт", "регномер").replace(/\s/g, "")).filter((x) => /^\d{16}$/.test(x)))];
    const known = new Set((await findKktsByRnm(db, actor.orgId, rnms)).map((k) => k.rnm));
    return { headers: table.headers, rows: previewTurnover(table, known, todayUtc()) };
  }
  const premises = await listPremises(db, actor.orgId);
  if (kind === "premises") return { headers: table.headers, rows: previewPremises(table, new Set(premises.map((p) => p.code))) };
  const ts = await db.select({ id: tenants.id, inn: tenants.inn, kpp: tenants.kpp }).from(tenants).where(eq(tenants.orgId, actor.orgId));
  const tenantsByInn = new Map<string, { id: string; kpp: string }[]>();
  for (const t of ts) (tenantsByInn.get(t.inn) ?? tenantsByInn.set(t.inn, []).get(t.inn)!).push(t);
  const numbers = await db.select({ number: contracts.number }).from(contracts).where(eq(contracts.orgId, actor.orgId));
  const rows = previewContracts(table, { tenantsByInn, premisesByCode: new Map(premises.map((p) => [p.code, p.id])), existingNumbers: new Set(numbers.map((n) => n.number)) });
  // Registers: known in this organisation, and not counting for another contract (stored, or earlier in the file) on the same days.
  const kkts = new Map((await findKktsByRnm(db, actor.orgId, [...new Set(rows.flatMap((r) => (r.input as { kkts: { rnm: string }[] } | undefined)?.kkts.map((k) => k.rnm) ?? []))])).map((k) => [k.rnm, k.id]));
  const claimed: { kktId: string; from: string; to: string; line: number }[] = [];
  for (const r of rows) {
    const c = r.input as { start: string; end: string; kkts: { rnm: string }[] } | undefined;
    if (!c) continue;
    for (const k of c.kkts) {
      const kktId = kkts.get(k.rnm);
      if (!kktId) {
        r.errors.rnms ??= `No register ${k.rnm} in this organisation`;
        continue;
      }
      const clash = await cq.findOverlappingAssignments(db, actor.orgId, null, kktId, c.start, c.end);
      if (clash.length) r.errors.rnms ??= `Register ${k.rnm} already counts for contract ${clash[0].number}`;
      const inFile = claimed.find((x) => x.kktId === kktId && x.from <= c.end && c.start <= x.to);
      if (inFile) r.errors.rnms ??= `Register ${k.rnm} also counts on line ${inFile.line} for the same days`;
      claimed.push({ kktId, from: c.start, to: c.end, line: r.line });
    }
    if (Object.keys(r.errors).length) r.input = undefined;
  }
  return { headers: table.headers, rows };
}

export async function previewImport(db: Db, actor: Actor, kind: ImportKind, fileName: string, data: Uint8Array): Promise<ImportPreview> {
  authorize(actor, PERMISSION[kind]);
  const { headers, rows } = await previewRows(db, actor, kind, fileName, data);
  return { kind, headers, rows: rows.map(({ line, values, errors }) => ({ line, values, errors })), valid: rows.every((r) => Object.keys(r.errors).length === 0) };
}

/** All rows or none: the file is read and checked again here, then imported in one transaction. */
export async function commitImport(db: Db, actor: Actor, kind: ImportKind, fileName: string, data: Uint8Array): Promise<{ imported: number }> {
  authorize(actor, PERMISSION[kind]);
  const { rows } = await previewRows(db, actor, kind, fileName, data);
  const bad = rows.filter((r) => Object.keys(r.errors).length > 0);
  if (bad.length) throw new AppError("validation", `${bad.length} row(s) have errors; nothing was imported`, Object.fromEntries(bad.map((r) => [`line.${r.line}`, Object.values(r.errors)])));
  // Days of turnover go in as one batch (all or none; issued statements of their months are checked after).
  if (kind === "turnover") return { imported: (await enterDays(db, actor, rows.map((r) => r.input as TurnoverImportEntry), todayUtc())).stored };
  await db.transaction(async (tx) => {
    for (const r of rows) {
      if (kind === "premises") await createPremises(tx as unknown as Db, actor, r.input as { code: string; areaM2: string; floor?: string });
      else await createContract(tx as unknown as Db, actor, r.input as Parameters<typeof createContract>[2]);
    }
    await recordAudit(tx, actor, { action: `${kind}.imported`, entityType: kind === "premises" ? "premises" : "contract", entityId: null, after: { fileName, rows: rows.length } });
  });
  return { imported: rows.length };
}
