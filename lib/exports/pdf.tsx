/**
 * A statement as a printable PDF, in Russian, rendered in-process by @react-pdf/renderer (no browser).
 * Every amount is printed from its bigint; the document can be recomputed line by line by a reader.
 */
import type { ReactElement, ReactNode } from "react";
import { Document, Page, StyleSheet, Text, View, renderToBuffer, type DocumentProps, type Styles } from "@react-pdf/renderer";
import { dateRu, dateTimeRu, flagRu, flagsOf, formulaRu, lineLabelRu, moneyRu, periodRu, registerColumnRu, statusRu, taxIdLabelRu, type Party, type StatementDocument } from "./document";
import { PDF_FONT_FAMILY, registerPdfFonts } from "./fonts";

/**
 * The default hyphenator knows English only and never breaks a long token (an RNM, a long contract
 * number): ordinary words stay whole, overlong tokens may break so that they wrap, not overflow.
 */
function breakLongTokens(word: string): string[] {
  if (word.length <= 24) return [word];
  const parts: string[] = [];
  for (let i = 0; i < word.length; i += 16) parts.push(word.slice(i, i + 16));
  return parts;
}

const s = StyleSheet.create({
  page: { fontFamily: PDF_FONT_FAMILY, fontSize: 9, paddingTop: 36, paddingBottom: 48, paddingHorizontal: 40, lineHeight: 1.3 },
  title: { fontSize: 16, fontWeight: "bold", marginBottom: 4, lineHeight: 1.3 },
  subtitle: { fontSize: 10, marginBottom: 2 },
  muted: { color: "#555555" },
  warn: { color: "#9a3412", marginTop: 2 },
  h2: { fontSize: 11, fontWeight: "bold", marginTop: 12, marginBottom: 4 },
  row: { flexDirection: "row" },
  parties: { flexDirection: "row", marginTop: 10, justifyContent: "space-between" },
  party: { width: "48%", marginRight: 1, borderWidth: 0.5, borderStyle: "solid", borderColor: "#999999", padding: 6 },
  partyRole: { fontWeight: "bold", marginBottom: 2 },
  table: { borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: "#999999" },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#999999" },
  th: { fontWeight: "bold", backgroundColor: "#eeeeee" },
  td: { paddingVertical: 2, paddingHorizontal: 4, borderRightWidth: 0.5, borderColor: "#999999" },
  num: { textAlign: "right" },
  bold: { fontWeight: "bold" },
  summary: { marginTop: 10, marginLeft: "45%" },
  summaryRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 1 },
  totalRow: { borderTopWidth: 1, borderColor: "#000000", marginTop: 2, paddingTop: 2, fontSize: 11, fontWeight: "bold" },
  flag: { flexDirection: "row", marginBottom: 2 },
  signatures: { flexDirection: "row", gap: 24, marginTop: 28 },
  signature: { flex: 1 },
  signLine: { borderBottomWidth: 0.5, borderColor: "#000000", height: 28, marginTop: 8 },
  footer: { position: "absolute", bottom: 20, left: 40, right: 40, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: "#777777" },
});

type Style = Styles[string];

function T({ style, children, bold }: { style?: Style | Style[]; children: ReactNode; bold?: boolean }) {
  const list = [...(Array.isArray(style) ? style : style ? [style] : []), ...(bold ? [s.bold] : [])];
  return (
    <Text style={list} hyphenationCallback={breakLongTokens}>
      {children}
    </Text>
  );
}

/** A table row: cells with fixed widths (percent); rows never split across pages. */
function Row({ cells, header, bold }: { cells: { text: string; width: string; num?: boolean }[]; header?: boolean; bold?: boolean }) {
  return (
    <View style={header ? [s.tr, s.th] : s.tr} wrap={false}>
      {cells.map((c, i) => (
        <View key={i} style={[s.td, { width: c.width }]}>
          <T style={c.num ? s.num : undefined} bold={bold}>
            {c.text}
          </T>
        </View>
      ))}
    </View>
  );
}

function PartyBox({ role, party }: { role: string; party: Party }) {
  return (
    <View style={s.party}>
      <T style={s.partyRole}>{role}</T>
      <T>{party.name}</T>
      {/* A landlord known only by its organisation's name (no Renta cabinet) has no tax number to print. */}
      {party.inn && <T>{taxIdLabelRu(party.inn)} {party.inn}</T>}
      {party.inn && taxIdLabelRu(party.inn) === "ИНН" && <T>КПП {party.kpp || "—"}</T>}
    </View>
  );
}

/** Per-register turnover lines print once, in the register table, with their formula. */
const registerLineKey = (rnm: string) => `turnover.${rnm}`;

function TurnoverTable({ doc }: { doc: StatementDocument }) {
  const { currency, lines } = doc.statement;
  const formulas = new Map(lines.map((l) => [l.key, l.formula]));
  const w = ["6%", "23%", "8%", "39%", "24%"];
  const sum = doc.turnoverByKkt.reduce((a, k) => a + k.turnover, 0n);
  return (
    <View>
      <T style={s.h2}>Оборот по контрольно-кассовой технике</T>
      <View style={s.table}>
        <Row header cells={["№", registerColumnRu(doc.turnoverByKkt.map((k) => k.rnm)), "Дней", "Расчёт", "Оборот"].map((text, i) => ({ text, width: w[i], num: i === 2 || i === 4 }))} />
        {doc.turnoverByKkt.map((k, i) => {
          const formula = formulas.get(registerLineKey(k.rnm));
          return (
            <Row key={`${k.rnm}-${i}`} cells={[
              { text: String(i + 1), width: w[0] },
              { text: k.rnm, width: w[1] },
              { text: k.days === undefined ? "—" : String(k.days), width: w[2], num: true },
              { text: formula === undefined ? "" : formulaRu(formula), width: w[3] },
              { text: moneyRu(k.turnover, currency), width: w[4], num: true },
            ]} />
          );
        })}
        <Row bold cells={[{ text: "", width: w[0] }, { text: `Итого по ${doc.turnoverByKkt.length} ККТ`, width: w[1] }, { text: "", width: w[2] }, { text: "", width: w[3] }, { text: moneyRu(sum, currency), width: w[4], num: true }]} />
      </View>
    </View>
  );
}

function CalculationTable({ doc }: { doc: StatementDocument }) {
  const { currency, lines } = doc.statement;
  const shown = new Set(doc.turnoverByKkt.map((k) => registerLineKey(k.rnm)));
  const rest = lines.filter((l) => !shown.has(l.key));
  const hasAdjustments = lines.some((l) => l.key.startsWith("adjustment."));
  const formula = (l: (typeof lines)[number]) =>
    l.key === "turnover" && shown.size > 0 ? `итого по ККТ (таблица выше)${hasAdjustments ? " плюс корректировки" : ""}` : formulaRu(l.formula);
  const w = ["36%", "40%", "24%"];
  return (
    <View>
      <T style={s.h2}>Расчёт по строкам</T>
      <View style={s.table}>
        <Row header cells={["Строка", "Расчёт", "Сумма"].map((text, i) => ({ text, width: w[i], num: i === 2 }))} />
        {rest.map((l, i) => (
          <Row key={`${l.key}-${i}`} bold={l.key === "total"} cells={[
            { text: lineLabelRu(l), width: w[0] },
            { text: formula(l), width: w[1] },
            { text: l.amount === undefined ? "" : moneyRu(l.amount, currency), width: w[2], num: true },
          ]} />
        ))}
      </View>
    </View>
  );
}

function Summary({ doc }: { doc: StatementDocument }) {
  const st = doc.statement;
  const vatLabel = st.lines.find((l) => l.key === "vat")?.labelRu;
  const rows: [string, bigint][] = [
    ["Учитываемый оборот", st.turnover],
    ["Базовая арендная плата", st.baseRent],
    ["Процентная арендная плата", st.percentageRent],
    ["Арендная плата без НДС", st.rent],
    [vatLabel ?? "НДС не облагается", st.vat],
  ];
  return (
    <View style={s.summary} wrap={false}>
      {rows.map(([label, v]) => (
        <View key={label} style={s.summaryRow}>
          <T>{label}</T>
          <T>{moneyRu(v, st.currency)}</T>
        </View>
      ))}
      <View style={[s.summaryRow, s.totalRow]}>
        <T>Итого к оплате</T>
        <T>{moneyRu(st.total, st.currency)}</T>
      </View>
    </View>
  );
}

function Flags({ doc }: { doc: StatementDocument }) {
  const flags = flagsOf(doc.statement);
  if (flags.length === 0) return null;
  return (
    <View>
      <T style={s.h2}>Замечания к данным</T>
      {flags.map((f, i) => (
        <View key={i} style={s.flag} wrap={false}>
          <T style={{ width: 12 }}>•</T>
          <T style={{ flex: 1 }}>{flagRu(f)}</T>
        </View>
      ))}
    </View>
  );
}

function Signatures({ doc }: { doc: StatementDocument }) {
  const sides: [string, Party][] = [["Арендодатель", doc.landlord], ["Арендатор", doc.tenant]];
  return (
    <View style={s.signatures} wrap={false}>
      {sides.map(([role, p]) => (
        <View key={role} style={s.signature}>
          <T bold>{role}</T>
          <T>{p.name}</T>
          <View style={s.signLine} />
          <T style={s.muted}>подпись / расшифровка подписи / дата</T>
        </View>
      ))}
    </View>
  );
}

function StatementPdf({ doc }: { doc: StatementDocument }) {
  const st = doc.statement;
  const period = periodRu(st.period);
  const premises = doc.premises.map((p) => `${p.code} (${p.areaM2.replace(".", ",")} м²)`).join(", ");
  return (
    <Document title={`Расчёт арендной платы: договор ${doc.contract.number}, ${period}`} author={doc.landlord.name} subject="Расчёт арендной платы" creator="Turnrent" producer="Turnrent" language="ru-RU" creationDate={doc.generatedAt}>
      <Page size="A4" style={s.page} wrap>
        <T style={s.title}>Расчёт арендной платы</T>
        <T style={s.subtitle}>за {period} · редакция {st.revision} · статус: {statusRu(st.status)}</T>
        <T style={s.muted}>Сформирован {dateTimeRu(doc.generatedAt, doc.timeZone)}{st.issuedAt ? ` · выставлен ${dateTimeRu(new Date(st.issuedAt), doc.timeZone)}` : ""}</T>
        {st.reason ? <T style={s.warn}>Исправление: {st.reason}</T> : null}
        {st.needsRevision ? <T style={s.warn}>Исходные данные изменились после расчёта: требуется новая редакция.</T> : null}

        <View style={s.parties}>
          <PartyBox role="Арендодатель" party={doc.landlord} />
          <PartyBox role="Арендатор" party={doc.tenant} />
        </View>

        <T style={s.h2}>Договор и помещения</T>
        <T>Договор аренды № {doc.contract.number}, срок действия с {dateRu(doc.contract.start)} по {dateRu(doc.contract.end)}</T>
        <T>Помещения: {premises || "—"}</T>
        <T>Расчётный период: {period}</T>

        <TurnoverTable doc={doc} />
        <CalculationTable doc={doc} />
        <Summary doc={doc} />
        <Flags doc={doc} />
        <Signatures doc={doc} />

        <View style={s.footer} fixed>
          <T>Договор № {doc.contract.number} · {period} · редакция {st.revision}</T>
          <Text render={({ pageNumber, totalPages }) => `Стр. ${pageNumber} из ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/** Render one statement to PDF bytes. */
export async function renderStatementPdf(doc: StatementDocument): Promise<Buffer> {
  registerPdfFonts();
  return renderToBuffer(<StatementPdf doc={doc} /> as ReactElement<DocumentProps>);
}
