/**
 * A register's fiscal documents, regenerated on demand from the Renta simulator's mall: per shift an "открытие
 * смены", the receipts of both its parts (before and after midnight) and a "закрытие смены", numbered as the
 * Renta simulator numbers them, plus now and then an "отчет об изменении параметров регистрации" as in the
 * document's example. So a register's day here adds up to the figures the Renta simulator gives for it.
 * Payloads follow the document's example: sums as JSON numbers in roubles (70.0, 1234.5, 1234.56) written
 * from kopecks as text, operation in Russian, "" for documents that are not receipts.
 */
import { dayFromNumber } from "@/lib/providers/renta/dates";
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { shiftSegments } from "@/lib/providers/renta/simulator/figures";
import { RawNumber } from "@/lib/providers/renta/simulator/json-writer";
import { hash32, uuidFor } from "@/lib/providers/renta/simulator/prng";
import { segmentReceipts, shiftNumbers } from "@/lib/providers/renta/simulator/receipts";
import { kopecksToRoublesText } from "../json";
import { CODE_NAMES, OPERATION_NAMES, type YandexDocumentType, type YandexOperationType } from "../schemas";

export interface SimDocument {
  type: YandexDocumentType;
  kkt: number;
  /** Fiscal document number: increasing in time along the register's documents. */
  fdn: number;
  /** The register's local time, "YYYY-MM-DD hh:mm:ss". */
  realDate: string;
  shift: number;
  /** Number of the receipt in its shift; 0 for other documents. */
  number: number;
  operation: YandexOperationType | null;
  /** Kopecks: total, then cash, cashless, prepaid, credit, provision. */
  sums: { total: bigint; cash: bigint; ecash: bigint; prepaid: bigint; credit: bigint; provision: bigint };
}

const pad = (n: number) => String(n).padStart(2, "0");
const NO_SUMS = { total: 0n, cash: 0n, ecash: 0n, prepaid: 0n, credit: 0n, provision: 0n };

/** Local date-time `second` seconds after the midnight that starts `day` (may run into the next day). */
function clock(day: number, second: number): string {
  const s = second % 86_400;
  return `${dayFromNumber(day + Math.floor(second / 86_400))} ${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Every document of the shift opened on `shiftDay`, in fiscal order; none when the register was silent. */
export function shiftDocuments(ds: Dataset, kkt: number, shiftDay: number): SimDocument[] {
  const segments = shiftSegments(ds, kkt, shiftDay);
  if (segments.length === 0) return [];
  const k = ds.kkts[kkt];
  const receipts = segments.flatMap((s) => segmentReceipts(ds, s));
  const { shiftNumber, openDocNumber } = shiftNumbers(ds, kkt, shiftDay);
  const seed = ds.options.seed;
  // Opened in the minute before the first possible receipt, closed just after the last one.
  const opened = clock(shiftDay, k.openMinute * 60 - 60 + (hash32(seed, "yandex-open", kkt, shiftDay) % 50));
  const closed = clock(shiftDay, k.closeMinute * 60 + (hash32(seed, "yandex-close", kkt, shiftDay) % 60));
  const report = (type: YandexDocumentType, fdn: number, realDate: string): SimDocument => ({ type, kkt, fdn, realDate, shift: shiftNumber, number: 0, operation: null, sums: NO_SUMS });
  return [
    report("openShift", openDocNumber, opened),
    ...receipts.map((rc): SimDocument => {
      const form = (f: number) => (rc.form === f ? rc.total : 0n);
      return {
        type: "receipt",
        kkt,
        fdn: rc.docNumber,
        realDate: rc.docDateTime.replace("T", " "),
        shift: rc.shiftNumber,
        number: rc.receiptNumber,
        operation: rc.operation === "Income" ? "income" : "income_return",
        sums: { total: rc.total, cash: form(0), ecash: form(1), prepaid: form(2), credit: form(3), provision: 0n },
      };
    }),
    report("closeShift", openDocNumber + receipts.length + 1, closed),
  ];
}

/**
 * About once in 120 days a register's registration parameters change (as in the document's example), half an
 * hour or so before it opens, whether or not it trades that day. It takes the number just before the shift's.
 */
export function registrationDocument(ds: Dataset, kkt: number, day: number): SimDocument | undefined {
  const seed = ds.options.seed;
  if ((day - ds.fromDay) % 120 !== hash32(seed, "yandex-reregistration", kkt) % 120) return undefined;
  const k = ds.kkts[kkt];
  const realDate = clock(day, k.openMinute * 60 - 1800 - (hash32(seed, "yandex-reregistration-at", kkt, day) % 600));
  return { type: "fiscalReportCorrection", kkt, fdn: shiftNumbers(ds, kkt, day).openDocNumber - 1, realDate, shift: 0, number: 0, operation: null, sums: NO_SUMS };
}

/** The documents of shifts opened on `day` and the day's registration report, in fiscal order. */
export function dayDocuments(ds: Dataset, kkt: number, day: number): SimDocument[] {
  const registration = registrationDocument(ds, kkt, day);
  return registration ? [registration, ...shiftDocuments(ds, kkt, day)] : shiftDocuments(ds, kkt, day);
}

/**
 * Registers write one of three layouts, so a client meets what the document warns of: the example's key
 * order; the format's key order with an undocumented service field; the example's order with zero prepaid,
 * credit and provision sums left out (as an FFD 1.0 register's receipts have no such tags).
 */
export function layoutOf(ds: Dataset, kkt: number): 0 | 1 | 2 {
  return (hash32(ds.options.seed, "yandex-layout", kkt) % 3) as 0 | 1 | 2;
}

export function fiscalSignOf(ds: Dataset, d: SimDocument): number {
  return hash32(ds.options.seed, "yandex-sign", d.kkt, d.fdn);
}

export function payload(ds: Dataset, d: SimDocument): Record<string, unknown> {
  const k = ds.kkts[d.kkt];
  const layout = layoutOf(ds, d.kkt);
  const money = (v: bigint) => (layout === 2 && v === 0n ? undefined : new RawNumber(kopecksToRoublesText(v)));
  const f = {
    operation: d.operation ? OPERATION_NAMES[d.operation] : "",
    doc_number: d.fdn,
    fn: k.fnNumber,
    number: d.number,
    creditSum: money(d.sums.credit),
    real_date: d.realDate,
    totalSum: new RawNumber(kopecksToRoublesText(d.sums.total)),
    prepaidSum: money(d.sums.prepaid),
    rn: k.rnm,
    cashTotalSum: new RawNumber(kopecksToRoublesText(d.sums.cash)),
    provisionSum: money(d.sums.provision),
    shift: d.shift,
    code_name: CODE_NAMES[d.type],
    ecashTotalSum: new RawNumber(kopecksToRoublesText(d.sums.ecash)),
    fiscalSign: fiscalSignOf(ds, d),
  };
  if (layout !== 1) return f;
  return {
    creditSum: f.creditSum,
    shift: f.shift,
    real_date: f.real_date,
    provisionSum: f.provisionSum,
    prepaidSum: f.prepaidSum,
    totalSum: f.totalSum,
    number: f.number,
    operation: f.operation,
    ecashTotalSum: f.ecashTotalSum,
    fn: f.fn,
    doc_number: f.doc_number,
    cashTotalSum: f.cashTotalSum,
    code_name: f.code_name,
    rn: f.rn,
    fiscalSign: f.fiscalSign,
    doc_id: uuidFor(ds.options.seed, "yandex-doc", d.kkt, d.fdn),
  };
}
