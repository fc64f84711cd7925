"use client";
import { useLocale } from "next-intl";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Net turnover per month, in whole roubles (the chart draws bars; the exact kopecks are in the tables). */
export function TurnoverChart({ data, label }: { data: { month: string; roubles: number }[]; label: string }) {
  const locale = useLocale();
  // Compact ticks fit a mall (billions) and one small tenant (thousands) alike.
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  return (
    <div className="h-64 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => compact.format(v)} />
          <Tooltip formatter={(v) => new Intl.NumberFormat(locale).format(Number(v)) + " ₽"} />
          <Bar dataKey="roubles" fill="#1e40af" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
