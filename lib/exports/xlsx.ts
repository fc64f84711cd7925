/**
 * Statements as XLSX (exceljs). Amounts are numeric cells in major units so that an accountant can
 * sum and check them; totals are formulas over those cells carrying the engine's own result.
 * Every piece of text goes through escapeSpreadsheetText: tenant names come from outside.
 */
import ExcelJS from "exceljs";
import { minorToDecimalString } from "@/lib/money";
import { dateRu, dateTimeRu, flagRu, flagsOf, flagsShortRu, formulaRu, lineLabelRu, periodRu, registerColumnRu, statusRu, taxIdLabelRu, type StatementDocument } from "./document";
import { escapeSpreadsheetText } from "./spreadsheet-text";

export const MONEY_FORMAT = "#,##0.00";

/** Below 10^15 minor units a decimal string has ≤ 15 significant digits and survives a double exactly. */
const EXACT_LIMIT = 10n ** 15n;

/**
 * The only place an amount becomes a float: the cell itself. The number is parsed from the exact
 * decimal string, so it is the double nearest the amount and nothing is accumulated in floats.
 */
export function moneyCell(v: bigint): number {
  if (v >= EXACT_LIMIT || v <= -EXACT_LIMIT) throw new RangeError(`amount too large for an exact spreadsheet number: ${v}`);
  return Number(minorToDecimalString(v));
}

const text = (s: string) => escapeSpreadsheetText(s);

function newWorkbook(generatedAt: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Turnrent";
  wb.created = generatedAt;
  wb.modified = generatedAt;
  // Cached results are ours; Excel recomputes on open anyway, so a hand-edited cell never lies.
  wb.calcProperties.fullCalcOnLoad = true;
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const sheetRef = (ws: ExcelJS.Worksheet, col: string, row: number) => `'${ws.name.replace(/'/g, "''")}'!$${col}$${row}`;

const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
};

// ---- one statement ----------------------------------------------------------------------------

/** Where statementXlsx puts its total: the sheet, the cell, and the defined name that points at it. */
export const STATEMENT_SHEET = "Расчёт";
export const TOTAL_NAME = "Total";

/**
 * Columns: A №, B РНМ or line, C days, D formula, E amount. The total cell (named `Total`) is
 * =SUM(rent before VAT : VAT); the engine guarantees rent + VAT = total, and the export refuses a
 * statement where that does not hold rather than print a total its own cells contradict.
 */
export async function statementXlsx(doc: StatementDocument): Promise<Buffer> {
  const st = doc.statement;
  if (st.rent + st.vat !== st.total) throw new RangeError(`statement ${st.id} does not add up: ${st.rent} + ${st.vat} ≠ ${st.total}`);
  const wb = newWorkbook(doc.generatedAt);
  wb.title = `Расчёт арендной платы: договор ${doc.contract.number}, ${periodRu(st.period)}`;
  const ws = wb.addWorksheet(STATEMENT_SHEET, { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 44 }, { width: 8 }, { width: 56 }, { width: 20, style: { numFmt: MONEY_FORMAT } }];

  const title = ws.addRow([null, text("Расчёт арендной платы")]);
  title.font = { bold: true, size: 14 };
  ws.addRow([]);
  const info: [string, string][] = [
    ["Арендодатель", doc.landlord.name], [`${taxIdLabelRu(doc.landlord.inn)} арендодателя`, doc.landlord.inn], ["КПП арендодателя", doc.landlord.kpp || "—"],
    ["Арендатор", doc.tenant.name], [`${taxIdLabelRu(doc.tenant.inn)} арендатора`, doc.tenant.inn], ["КПП арендатора", doc.tenant.kpp || "—"],
    ["Договор", doc.contract.number], ["Срок действия", `${dateRu(doc.contract.start)} – ${dateRu(doc.contract.end)}`],
    ["Помещения", doc.premises.map((p) => `${p.code} (${p.areaM2.replace(".", ",")} м²)`).join(", ") || "—"],
    ["Период", periodRu(st.period)], ["Редакция", String(st.revision)], ["Статус", statusRu(st.status)], ["Валюта", st.currency],
    ["Сформирован", dateTimeRu(doc.generatedAt, doc.timeZone)],
    ...(st.reason ? ([["Исправление", st.reason]] as [string, string][]) : []),
  ];
  for (const [k, v] of info) ws.addRow([null, text(k), null, text(v)]);

  // Registers, with a subtotal formula over them.
  ws.addRow([]);
  bold(ws.addRow([null, text("Оборот по ККТ")]));
  bold(ws.addRow([text("№"), text(registerColumnRu(doc.turnoverByKkt.map((k) => k.rnm))), text("Дней"), text("Расчёт"), text("Оборот")]));
  const formulas = new Map(st.lines.map((l) => [l.key, l.formula]));
  const firstKkt = ws.rowCount + 1;
  doc.turnoverByKkt.forEach((k, i) => {
    const f = formulas.get(`turnover.${k.rnm}`);
    ws.addRow([i + 1, text(k.rnm), k.days ?? null, f === undefined ? null : text(formulaRu(f)), moneyCell(k.turnover)]);
  });
  const kktSum = doc.turnoverByKkt.reduce((a, k) => a + k.turnover, 0n);
  const subtotal = ws.addRow([null, text(`Итого по ${doc.turnoverByKkt.length} ККТ`), null, null,
    doc.turnoverByKkt.length ? { formula: `SUM(E${firstKkt}:E${ws.rowCount})`, result: moneyCell(kktSum) } : 0]);
  bold(subtotal);

  // The engine's lines, as the statement shows them.
  ws.addRow([]);
  bold(ws.addRow([null, text("Расчёт по строкам")]));
  bold(ws.addRow([text("№"), text("Строка"), null, text("Расчёт"), text("Сумма")]));
  st.lines.forEach((l, i) => {
    const row = ws.addRow([i + 1, text(lineLabelRu(l)), null, text(formulaRu(l.formula)), l.amount === undefined ? null : moneyCell(l.amount)]);
    if (l.key === "total") bold(row);
  });

  // Summary: rent and VAT on adjacent rows, so the total is one SUM over them.
  ws.addRow([]);
  const vatLabel = st.lines.find((l) => l.key === "vat")?.labelRu ?? "НДС не облагается";
  for (const [label, v] of [["Учитываемый оборот", st.turnover], ["Базовая арендная плата", st.baseRent], ["Процентная арендная плата", st.percentageRent]] as const) {
    ws.addRow([null, text(label), null, null, moneyCell(v)]);
  }
  const rentRow = ws.addRow([null, text("Арендная плата без НДС"), null, null, moneyCell(st.rent)]).number;
  const vatRow = ws.addRow([null, text(vatLabel), null, null, moneyCell(st.vat)]).number;
  const totalRow = ws.addRow([null, text("Итого к оплате"), null, null, { formula: `SUM(E${rentRow}:E${vatRow})`, result: moneyCell(st.total) }]);
  totalRow.font = { bold: true, size: 12 };
  wb.definedNames.add(sheetRef(ws, "E", totalRow.number), TOTAL_NAME);

  const flags = flagsOf(st);
  if (flags.length) {
    ws.addRow([]);
    bold(ws.addRow([null, text("Замечания к данным")]));
    for (const f of flags) ws.addRow([null, text(flagRu(f))]);
  }
  ws.getColumn(4).alignment = { wrapText: true, vertical: "top" };
  ws.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  return toBuffer(wb);
}

// ---- a month of statements --------------------------------------------------------------------

export const MONTH_SHEET = "Сводка";

const AMOUNTS = [
  ["Оборот", "turnover"], ["Базовая плата", "baseRent"], ["Процентная плата", "percentageRent"],
  ["Аренда без НДС", "rent"], ["НДС", "vat"], ["Итого", "total"],
] as const;

/** Column letters: A period, B contract, C tenant, D INN, E currency, F–K amounts, L revision, M status, N flags. */
const FIRST_AMOUNT_COL = 6;
const colLetter = (n: number) => String.fromCharCode(64 + n);

/**
 * One row per statement and a total row of SUM formulas, one total row per currency when a month
 * mixes roubles and hryvnias (SUMIF on the currency column), since their sum means nothing. The
 * grand total cell of a single-currency month is named `Total`; of a mixed month `Total_RUB`, …
 */
export async function monthXlsx(docs: StatementDocument[]): Promise<Buffer> {
  const wb = newWorkbook(docs.reduce((a, d) => (d.generatedAt > a ? d.generatedAt : a), docs[0]?.generatedAt ?? new Date(0)));
  const ws = wb.addWorksheet(MONTH_SHEET, { views: [{ state: "frozen", ySplit: 1 }], pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [
    { header: text("Период"), width: 10 }, { header: text("Договор"), width: 16 }, { header: text("Арендатор"), width: 36 },
    { header: text("ИНН"), width: 14 }, { header: text("Валюта"), width: 8 },
    ...AMOUNTS.map(([h]) => ({ header: text(h), width: 18, style: { numFmt: MONEY_FORMAT } })),
    { header: text("Редакция"), width: 9 }, { header: text("Статус"), width: 11 }, { header: text("Замечания"), width: 40 },
  ];
  bold(ws.getRow(1));
  for (const d of docs) {
    const st = d.statement;
    ws.addRow([text(st.period), text(d.contract.number), text(d.tenant.name), text(d.tenant.inn), text(st.currency),
      ...AMOUNTS.map(([, key]) => moneyCell(st[key])), st.revision, text(statusRu(st.status)), text(flagsShortRu(st))]);
  }
  const last = ws.rowCount;
  const currencies = [...new Set(docs.map((d) => d.statement.currency))].sort();
  // The code goes into a formula and a defined name: only an ISO 4217 code may.
  for (const c of currencies) if (!/^[A-Z]{3}$/.test(c)) throw new RangeError(`not a currency code: ${JSON.stringify(c)}`);
  const single = currencies.length <= 1;
  for (const cur of single ? [currencies[0] ?? ""] : currencies) {
    const mine = docs.filter((d) => single || d.statement.currency === cur);
    const row = ws.addRow([null, null, text(single ? "Итого" : `Итого, ${cur}`), null, text(cur)]);
    AMOUNTS.forEach(([, key], i) => {
      const col = colLetter(FIRST_AMOUNT_COL + i);
      const sum = moneyCell(mine.reduce((a, d) => a + d.statement[key], 0n));
      const range = `${col}2:${col}${last}`;
      row.getCell(FIRST_AMOUNT_COL + i).value = docs.length === 0 ? 0 : { formula: single ? `SUM(${range})` : `SUMIF($E$2:$E$${last},"${cur}",${range})`, result: sum };
    });
    bold(row);
    wb.definedNames.add(sheetRef(ws, colLetter(FIRST_AMOUNT_COL + AMOUNTS.length - 1), row.number), single ? TOTAL_NAME : `${TOTAL_NAME}_${cur}`);
  }
  if (docs.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: ws.columnCount } };
  return toBuffer(wb);
}
