import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { formatMoney } from "@/lib/money";

export interface PrroShiftRow {
  kktId: string;
  rnm: string;
  shiftId: string;
  number: number | null;
  day: string;
  openedAt: string;
  isOpen: boolean;
  closedUnseen: boolean;
  income: bigint;
  refunds: bigint;
  receipts: number;
  lastSeenAt: Date;
}

/** The shifts the polls saw on a PRRO connection's registers: open ones with their figures so far, closed ones as counted. */
export async function PrroShifts({ shifts, locale, currency }: { shifts: PrroShiftRow[]; locale: string; currency: "RUB" | "UAH" }) {
  const t = await getTranslations("sync");
  const fmt = await getFormatter();
  return (
    <section aria-labelledby="prro-shifts-h" className="mb-8 space-y-3">
      <h2 id="prro-shifts-h" className="text-lg font-semibold">{t("shifts")}</h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="prro-shifts">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t("fiscalNumber")}</th><th className="px-4 py-2">{t("shiftNumber")}</th><th className="px-4 py-2">{t("shiftOpened")}</th>
              <th className="px-4 py-2">{t("shiftState")}</th><th className="px-4 py-2 text-right">{t("income")}</th><th className="px-4 py-2 text-right">{t("refunds")}</th>
              <th className="px-4 py-2 text-right">{t("receipts")}</th><th className="px-4 py-2">{t("lastSeen")}</th>
            </tr>
          </thead>
          <tbody>
            {shifts.length === 0 && <tr><td colSpan={8} className="px-4 py-6 text-center text-slate-500">{t("noShifts")}</td></tr>}
            {shifts.map((s) => (
              <tr key={`${s.kktId}/${s.shiftId}`} className="border-b border-slate-100 last:border-0 tabular-nums">
                <td className="px-4 py-2 font-mono text-xs"><Link className="text-blue-800 underline" href={`/dashboard/registers/${s.kktId}?month=${s.day.slice(0, 7)}`}>{s.rnm}</Link></td>
                <td className="px-4 py-2">{s.number ?? "—"}</td>
                <td className="px-4 py-2">{fmt.dateTime(new Date(`${s.openedAt}Z`), { dateStyle: "short", timeStyle: "short", timeZone: "UTC" })}</td>
                <td className={`px-4 py-2 ${s.closedUnseen ? "text-red-800" : ""}`}>{s.closedUnseen ? t("shiftClosedUnseen") : s.isOpen ? t("shiftOpen") : t("shiftClosed")}</td>
                <td className="px-4 py-2 text-right">{formatMoney(s.income, currency, locale)}</td>
                <td className="px-4 py-2 text-right">{formatMoney(s.refunds, currency, locale)}</td>
                <td className="px-4 py-2 text-right">{s.receipts}</td>
                <td className="px-4 py-2">{fmt.dateTime(s.lastSeenAt, { dateStyle: "short", timeStyle: "short" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
