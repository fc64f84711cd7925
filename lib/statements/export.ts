import "server-only";
import type { Db } from "@/db/engine";
import type { Actor } from "@/lib/auth/actor";
import { statementCsv, statementsCsv } from "@/lib/exports/csv";
import { safeFilePart, statementFileName } from "@/lib/exports/document";
import { renderStatementPdf } from "@/lib/exports/pdf";
import { monthXlsx, statementXlsx } from "@/lib/exports/xlsx";
import { monthZip } from "@/lib/exports/zip";
import { recordAudit } from "@/lib/audit";
import { monthDocuments, statementDocument } from "./documents";

export interface ExportFile {
  body: Uint8Array | string;
  contentType: string;
  fileName: string;
}

const TYPES = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  zip: "application/zip",
} as const;

/** One statement as a file; the one place the UI downloads and the API both go through. */
export async function exportStatement(db: Db, actor: Actor, id: string, format: "pdf" | "xlsx" | "csv"): Promise<ExportFile> {
  const doc = await statementDocument(db, actor, id);
  const body = format === "pdf" ? await renderStatementPdf(doc) : format === "xlsx" ? await statementXlsx(doc) : statementCsv(doc.statement, doc.contract.number);
  await recordAudit(db, actor, { action: "statement.exported", entityType: "statement", entityId: id, after: { format, revision: doc.statement.revision } });
  return { body: typeof body === "string" ? body : new Uint8Array(body), contentType: TYPES[format], fileName: statementFileName(doc, format) };
}

/** A month's statements (latest revision each) as one summary file or a ZIP of every statement. */
export async function exportMonth(db: Db, actor: Actor, period: string, format: "xlsx" | "csv" | "zip"): Promise<ExportFile> {
  const docs = await monthDocuments(db, actor, period);
  const name = `statements-${safeFilePart(period)}.${format}`;
  let body: Uint8Array | string;
  if (format === "xlsx") body = new Uint8Array(await monthXlsx(docs));
  else if (format === "zip") body = new Uint8Array(await monthZip(docs, ["pdf", "xlsx"]));
  else body = statementsCsv(docs.map((d) => ({ ...d.statement, contractNumber: d.contract.number, tenantName: d.tenant.name })));
  await recordAudit(db, actor, { action: "statements.exported", entityType: "statement", entityId: period, after: { format, statements: docs.length } });
  return { body, contentType: TYPES[format], fileName: name };
}

export function fileResponse(f: ExportFile): Response {
  return new Response(f.body as BodyInit, {
    headers: {
      "content-type": f.contentType,
      "content-disposition": `attachment; filename="${f.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
