import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

/** A spreadsheet as rows of text keyed by normalised header, each with its line number in the file. */
export interface ImportTable {
  headers: string[];
  rows: { line: number; values: Record<string, string> }[];
}

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const norm = (h: string) => h.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s_\-.,²]+/g, "");

function fromMatrix(matrix: string[][], firstLine: number): ImportTable {
  const [head = [], ...body] = matrix;
  const headers = head.map((h) => norm(String(h ?? "")));
  const rows = body
    .map((cells, i) => ({ line: firstLine + 1 + i, values: Object.fromEntries(headers.map((h, j) => [h, String(cells[j] ?? "").trim()])) }))
    .filter((r) => Object.values(r.values).some((v) => v !== ""));
  if (rows.length > MAX_IMPORT_ROWS) throw new RangeError(`At most ${MAX_IMPORT_ROWS} rows per import`);
  return { headers, rows };
}

/** CSV as Russian Excel writes it (";" and a BOM) or as everyone else does (","): the header line decides. */
export function readCsv(text: string): ImportTable {
  const clean = text.replace(/^\uFEFF/, "");
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const matrix = parse(clean, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  return fromMatrix(matrix, 1);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The first worksheet; dates become YYYY-MM-DD, numbers their exact text as Excel stores them, formulas their result. */
export async function readXlsx(data: Uint8Array): Promise<ImportTable> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const matrix: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value;
      const raw = v && typeof v === "object" && "result" in v ? (v.result as ExcelJS.CellValue) : v;
      cells.push(raw instanceof Date ? iso(raw) : raw === null || raw === undefined ? "" : typeof raw === "object" && "text" in raw ? String(raw.text) : typeof raw === "object" && "richText" in raw ? raw.richText.map((t) => t.text).join("") : String(raw));
    }
    matrix.push(cells);
  });
  return fromMatrix(matrix, 1);
}

export async function readTable(fileName: string, data: Uint8Array): Promise<ImportTable> {
  if (data.byteLength > MAX_IMPORT_BYTES) throw new RangeError("The file is larger than 5 MB");
  if (/\.xlsx$/i.test(fileName)) return readXlsx(data);
  if (/\.(csv|txt)$/i.test(fileName)) return readCsv(new TextDecoder("utf-8").decode(data));
  throw new RangeError("Upload a .csv or .xlsx file");
}

/** A column by any of its names (English or Russian header). */
export const col = (values: Record<string, string>, ...names: string[]) => {
  for (const n of names) {
    const v = values[norm(n)];
    if (v !== undefined) return v;
  }
  return "";
};

/** Dates as people type them: 2026-01-31 or 31.01.2026. */
export function isoDateFrom(text: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : text.trim();
}
