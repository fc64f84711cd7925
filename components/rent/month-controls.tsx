"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition, useState } from "react";
import { computeStatementsAction } from "@/lib/actions/statements";

export function MonthPicker({ period }: { period: string }) {
  const t = useTranslations("rent");
  const router = useRouter();
  return (
    <label className="text-sm">
      <span className="mb-1 block text-slate-700">{t("month")}</span>
      <input type="month" value={period} onChange={(e) => e.target.value && router.push(`/rent/${e.target.value}`)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5" />
    </label>
  );
}

export function ComputeButton({ period }: { period: string }) {
  const t = useTranslations("rent");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        disabled={pending}
        aria-busy={pending}
        className="rounded-md bg-blue-800 px-4 py-2 text-sm font-medium text-white hover:bg-blue-900 disabled:opacity-60"
        onClick={() =>
          start(async () => {
            const r = await computeStatementsAction({ period });
            setMessage(r.ok ? { ok: true, text: t("computed", { count: r.data.count }) } : { ok: false, text: r.error.message });
            router.refresh();
          })
        }
      >
        {pending ? t("computing") : t("compute")}
      </button>
      {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-green-800" : "text-red-700"}`}>{message.text}</p>}
    </div>
  );
}
