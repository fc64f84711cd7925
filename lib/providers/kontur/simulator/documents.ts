/**
 * A register's fiscal documents, regenerated on demand from the Renta simulator's mall: per shift an
 * openShift, the receipts of both its parts (before and after midnight) and a closeShift, numbered as the
 * Renta simulator numbers them. So a register's day here adds up to the figures the Renta simulator gives
 * for it. Payloads follow the document's example, trailing spaces in kktRegId and fiscalDriveNumber included.
 */
import { dayFromNumber } from "@/lib/providers/renta/dates";
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { shiftSegments } from "@/lib/providers/renta/simulator/figures";
import { hash32, uuidFor } from "@/lib/providers/renta/simulator/prng";
import { receiptItems, segmentReceipts, shiftNumbers, type SimReceipt } from "@/lib/providers/renta/simulator/receipts";

export type SimDocumentType = "openShift" | "receipt" | "closeShift";

export interface SimDocument {
  type: SimDocumentType;
  /** Fiscal document number: increasing in time along the register's documents. */
  fdn: number;
  /** The register's local time. */
  dateTime: string;
  /** Built only for documents that go on a page (items are the costly part). */
  payload: () => Record<string, unknown>;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Local date-time `second` seconds after the midnight that starts `day` (may run into the next day). */
function clock(day: number, second: number): string {
  const s = second % 86_400;
  return `${dayFromNumber(day + Math.floor(second / 86_400))}T${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Some registers write FFD 1.2 names of the VAT tags (nds20 for nds18): a client must read both. */
function writesFfd12(ds: Dataset, kkt: number): boolean {
  return hash32(ds.options.seed, "kontur-ffd", kkt) % 3 === 0;
}

function common(ds: Dataset, kkt: number, shiftDay: number, fdn: number) {
  const k = ds.kkts[kkt];
  return {
    kktRegId: `${k.rnm} `,
    fiscalDriveNumber: `${k.fnNumber} `,
    fiscalDocumentNumber: fdn,
    fiscalSign: hash32(ds.options.seed, "kontur-sign", kkt, fdn),
    id: uuidFor(ds.options.seed, "kontur-doc", kkt, fdn),
    operator: k.operators[hash32("op", kkt, shiftDay) % k.operators.length],
  };
}

function shiftPayload(ds: Dataset, kkt: number, shiftDay: number, doc: { code: 2 | 5; fdn: number; dateTime: string; receipts?: number }) {
  const t = ds.tenants[ds.kkts[kkt].tenant];
  const c = common(ds, kkt, shiftDay, doc.fdn);
  return {
    code: doc.code,
    // As in the document's example: a shift report names no user and no address.
    user: "",
    userInn: t.inn,
    operator: c.operator,
    retailPlaceAddress: "",
    dateTime: doc.dateTime,
    shiftNumber: shiftNumbers(ds, kkt, shiftDay).shiftNumber,
    ...(doc.receipts === undefined ? {} : { receiptsQuantity: doc.receipts, documentsQuantity: doc.receipts + 2, notTransmittedDocumentsQuantity: 0 }),
    kktRegId: c.kktRegId,
    fiscalDriveNumber: c.fiscalDriveNumber,
    fiscalDocumentNumber: c.fiscalDocumentNumber,
    fiscalSign: c.fiscalSign,
    id: c.id,
  };
}

function receiptPayload(ds: Dataset, rc: SimReceipt) {
  const k = ds.kkts[rc.kkt];
  const t = ds.tenants[k.tenant];
  const c = common(ds, rc.kkt, rc.shiftDay, rc.docNumber);
  const form = (f: number) => (rc.form === f ? rc.total : 0n);
  // The general rate (20 %, 22 % from 2026) stays in tag 1102; a register without VAT reports its base (1105).
  const vat = rc.vatRate === 10 ? { nds10: rc.vat } : rc.vatRate > 0 ? { [writesFfd12(ds, rc.kkt) ? "nds20" : "nds18"]: rc.vat } : { ndsNo: rc.total };
  return {
    receiptCode: 3,
    user: t.name,
    userInn: t.inn,
    requestNumber: rc.receiptNumber,
    dateTime: rc.docDateTime,
    shiftNumber: rc.shiftNumber,
    operationType: rc.operation === "Income" ? 1 : 2,
    taxationType: t.vat === "none" ? 2 : 1,
    operator: c.operator,
    kktRegId: c.kktRegId,
    fiscalDriveNumber: c.fiscalDriveNumber,
    retailPlaceAddress: `${ds.cabinets[k.cabinet].address}, ${k.place}`,
    items: receiptItems(ds, rc).map((i) => ({ name: i.name, price: i.price, quantity: i.quantity, sum: i.total })),
    ...vat,
    totalSum: rc.total,
    cashTotalSum: form(0),
    ecashTotalSum: form(1),
    prepaidSum: form(2),
    creditSum: form(3),
    provisionSum: 0n,
    fiscalDocumentNumber: c.fiscalDocumentNumber,
    fiscalSign: c.fiscalSign,
    id: c.id,
  };
}

/** Every document of the shift opened on `shiftDay`, in fiscal order; none when the register was silent. */
export function shiftDocuments(ds: Dataset, kkt: number, shiftDay: number): SimDocument[] {
  const segments = shiftSegments(ds, kkt, shiftDay);
  if (segments.length === 0) return [];
  const k = ds.kkts[kkt];
  const receipts = segments.flatMap((s) => segmentReceipts(ds, s));
  const { openDocNumber } = shiftNumbers(ds, kkt, shiftDay);
  // Opened in the minute before the first possible receipt, closed just after the last one.
  const opened = clock(shiftDay, k.openMinute * 60 - 60 + (hash32(ds.options.seed, "kontur-open", kkt, shiftDay) % 50));
  const closed = clock(shiftDay, k.closeMinute * 60 + (hash32(ds.options.seed, "kontur-close", kkt, shiftDay) % 60));
  const closeFdn = openDocNumber + receipts.length + 1;
  return [
    { type: "openShift", fdn: openDocNumber, dateTime: opened, payload: () => shiftPayload(ds, kkt, shiftDay, { code: 2, fdn: openDocNumber, dateTime: opened }) },
    ...receipts.map((rc): SimDocument => ({ type: "receipt", fdn: rc.docNumber, dateTime: rc.docDateTime, payload: () => receiptPayload(ds, rc) })),
    { type: "closeShift", fdn: closeFdn, dateTime: closed, payload: () => shiftPayload(ds, kkt, shiftDay, { code: 5, fdn: closeFdn, dateTime: closed, receipts: receipts.length }) },
  ];
}

/** The day whose shift holds fiscal document `fdn` (the inverse of the Renta simulator's numbering). */
export function shiftDayOf(ds: Dataset, kkt: number, fdn: number): number {
  const first = shiftNumbers(ds, kkt, ds.fromDay).openDocNumber;
  const stride = shiftNumbers(ds, kkt, ds.fromDay + 1).openDocNumber - first;
  return ds.fromDay + Math.floor((fdn - first) / stride);
}
