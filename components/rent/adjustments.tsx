"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { addAdjustmentAction, deleteAdjustmentAction } from "@/lib/actions/adjustments";
import { Field, FormMessage, SubmitButton } from "@/components/forms/field";
import { formValues, useActionForm } from "@/components/forms/use-action-form";

/** A manual turnover adjustment for this contract and month: roubles (negative takes away) and why. */
export function AdjustmentForm({ contractId, period }: { contractId: string; period: string }) {
  const t = useTranslations("adjustments");
  const router = useRouter();
  const add = useActionForm(addAdjustmentAction);
  return (
    <form
      noValidate
      aria-label={t("add")}
      className="mt-4 grid max-w-2xl gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const v = formValues(form);
        add.submit({ contractId, period, amount: v.amount, reason: v.reason }, () => {
          form.reset();
          router.refresh();
        });
      }}
    >
      <h3 className="font-medium sm:col-span-2">{t("add")}</h3>
      <p className="text-sm text-slate-600 sm:col-span-2">{t("help")}</p>
      <Field label={t("amount")} name="amount" hint={t("amountHint")} required error={add.fieldError("amount")} />
      <Field label={t("reason")} name="reason" required error={add.fieldError("reason") ?? add.fieldError("period")} />
      <div className="space-y-2 sm:col-span-2">
        <FormMessage error={add.result?.ok === false && !add.result.error.fields ? add.error : null} />
        <SubmitButton pending={add.pending}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}

export function DeleteAdjustmentButton({ id, label }: { id: string; label: string }) {
  const t = useTranslations("adjustments");
  const router = useRouter();
  const del = useActionForm(deleteAdjustmentAction);
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (!window.confirm(t("deleteConfirm"))) return;
        del.submit({ id }, () => router.refresh());
      }}
    >
      <button type="submit" disabled={del.pending} aria-label={`${t("delete")}: ${label}`} className="text-sm text-red-700 underline disabled:opacity-50">{t("delete")}</button>
      {del.error && <span role="alert" className="ml-2 text-sm text-red-700">{del.error}</span>}
    </form>
  );
}
