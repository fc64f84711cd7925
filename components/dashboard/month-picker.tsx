import { getTranslations } from "next-intl/server";

/**
 * A GET form choosing the dashboard's month (`?month=YYYY-MM`), keeping the page's other choices (`keep`); a
 * month that cannot be shown is said so next to the field.
 */
export async function MonthPicker({ month, max, invalid, keep = {} }: { month: string; max: string; invalid: boolean; keep?: Record<string, string> }) {
  const t = await getTranslations("dashboard");
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3 text-sm" aria-label={t("pickMonth")}>
      <label>
        <span className="mb-1 block text-slate-700">{t("month")}</span>
        <input type="month" name="month" defaultValue={month} max={max} aria-invalid={invalid || undefined} aria-describedby={invalid ? "month-error" : undefined} className="rounded-md border border-slate-300 px-2 py-1.5 aria-invalid:border-red-600" />
      </label>
      {Object.entries(keep).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-700">{t("show")}</button>
      {invalid && <p id="month-error" role="alert" className="w-full text-red-700">{t("monthInvalid")}</p>}
    </form>
  );
}
