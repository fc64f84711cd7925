/**
 * A month's statements as one ZIP: a file per statement and format, plus the month's summary as CSV
 * and XLSX. Statements render one after another: the server has two cores and other requests.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import { statementCsv, statementsCsv } from "./csv";
import { safeFilePart, statementFileName, type StatementDocument } from "./document";
import { renderStatementPdf } from "./pdf";
import { monthXlsx, statementXlsx } from "./xlsx";

export type StatementFormat = "pdf" | "xlsx" | "csv";

/** Names compared case-blind: Windows and macOS would overwrite "A.pdf" with "a.pdf" on extraction. */
function uniqueNamer() {
  const taken = new Set<string>();
  return (name: string): string => {
    const dot = name.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let candidate = name;
    for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${stem}-${i}${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}

/** ZIP stores DOS times, which start in 1980. */
const zipTime = (d: Date) => (d.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : d);

async function renderOne(doc: StatementDocument, format: StatementFormat): Promise<Uint8Array> {
  switch (format) {
    case "pdf":
      return renderStatementPdf(doc);
    case "xlsx":
      return statementXlsx(doc);
    case "csv":
      return strToU8(statementCsv(doc.statement, doc.contract.number));
    default: {
      const never: never = format;
      throw new RangeError(`unknown export format ${String(never)}`);
    }
  }
}

/** "statements-2026-11" for one month; "statements" when the list spans several. */
function summaryStem(docs: StatementDocument[]): string {
  const periods = new Set(docs.map((d) => d.statement.period));
  return periods.size === 1 ? `statements-${safeFilePart([...periods][0])}` : "statements";
}

export async function monthZip(docs: StatementDocument[], formats: StatementFormat[] = ["pdf"]): Promise<Buffer> {
  const name = uniqueNamer();
  const files: Zippable = {};
  const now = docs.reduce((a, d) => (d.generatedAt > a ? d.generatedAt : a), docs[0]?.generatedAt ?? new Date());
  for (const doc of docs) {
    for (const format of [...new Set(formats)]) {
      const data = await renderOne(doc, format);
      // PDF and XLSX are compressed already; deflating them again costs CPU for nothing.
      files[name(statementFileName(doc, format))] = [data, { level: format === "csv" ? 6 : 0, mtime: zipTime(doc.generatedAt) }];
    }
  }
  const stem = summaryStem(docs);
  const csv = statementsCsv(docs.map((d) => ({ ...d.statement, contractNumber: d.contract.number, tenantName: d.tenant.name })));
  files[name(`${stem}.csv`)] = [strToU8(csv), { level: 6, mtime: zipTime(now) }];
  files[name(`${stem}.xlsx`)] = [await monthXlsx(docs), { level: 0, mtime: zipTime(now) }];
  const out = zipSync(files);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
