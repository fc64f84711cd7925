"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectInput } from "@/components/forms/controlled";
import { Field, FormMessage, SubmitButton } from "@/components/forms/field";
import { formValues, useActionForm } from "@/components/forms/use-action-form";
import { enterDayAction, removeDayAction } from "@/lib/actions/turnover";

/** A day's turnover typed in, or copied from the tenant's own report: roubles as a person writes them. */
export function DayEntryForm({ kktId, defaultDay }: { kktId: string; defaultDay: string }) {
  const t = useTranslations("registers");
  const router = useRouter();
  const save = useActionForm(enterDayAction);
  const [source, setSource] = useState<"manual" | "tenant-reported">("tenant-reported");
  return (
    <form
      noValidate
      aria-label={t("enterTitle")}
      className="grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const v = formValues(form);
        save.submit({ kktId, day: v.day, source, income: v.income, refunds: v.refunds, incomeVat: v.incomeVat, receipts: v.receipts }, () => {
          form.reset();
          router.refresh();
        });
      }}
    >
      <h3 className="font-medium sm:col-span-3">{t("enterTitle")}</h3>
      <p className="text-sm text-slate-600 sm:col-span-3">{t("enterHelp")}</p>
      <Field label={t("day")} name="day" type="date" defaultValue={defaultDay} required error={save.fieldError("day")} />
      <SelectInput label={t("sourceShort")} value={source} onChange={(v) => setSource(v as typeof source)} options={[{ value: "tenant-reported", label: t("sources.tenant-reported") }, { value: "manual", label: t("sources.manual") }]} error={save.fieldError("source")} />
      <Field label={t("income")} name="income" hint={t("amountHint")} required error={save.fieldError("income")} />
      <Field label={t("refunds")} name="refunds" hint={t("amountHint")} error={save.fieldError("refunds")} />
      <Field label={t("vatInIncome")} name="incomeVat" hint={t("optional")} error={save.fieldError("incomeVat")} />
      <Field label={t("receiptsShort")} name="receipts" type="number" hint={t("optional")} error={save.fieldError("receipts")} />
      <div className="space-y-2 sm:col-span-3">
        <FormMessage error={save.result?.ok === false && !save.result.error.fields ? save.error : null} success={save.result?.ok ? t("entered", { day: save.result.data.day }) : null} />
        <SubmitButton pending={save.pending}>{t("enterSubmit")}</SubmitButton>
      </div>
    </form>
  );
}

/** Removes a person's figures for a day (the provider's, if any, count again). */
export function RemoveDayEntry({ kktId, day, source }: { kktId: string; day: string; source: "manual" | "tenant-reported" }) {
  const t = useTranslations("registers");
  const router = useRouter();
  const remove = useActionForm(removeDayAction);
  return (
    <button
      type="button"
      className="whitespace-nowrap text-red-800 underline disabled:opacity-50"
      disabled={remove.pending}
      aria-label={t("removeEntryLabel", { day, source: t(`sources.${source}`) })}
      onClick={() => {
        if (window.confirm(t("removeConfirm", { day, source: t(`sources.${source}`) }))) remove.submit({ kktId, day, source }, () => router.refresh());
      }}
    >
      {t("removeEntry")}
    </button>
  );
}
