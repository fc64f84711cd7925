"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { endContractAction } from "@/lib/actions/contracts";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

/** Ending a contract early: its last day and the reason, kept in the audit log. */
export function ContractEndForm(props: { contractId: string; currentEnd: string }) {
  const t = useTranslations("contracts");
  const router = useRouter();
  const a = useActionForm(endContractAction);
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    a.submit({ id: props.contractId, end: v.end, reason: v.reason }, () => router.refresh());
  };
  return (
    <section className="mt-8 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="end-contract-title">
      <h2 id="end-contract-title" className="mb-1 text-base font-semibold text-slate-900">{t("endTitle")}</h2>
      <p className="mb-4 text-sm text-slate-600">{t("endHelp")}</p>
      <form onSubmit={submit} noValidate className="grid max-w-xl gap-3 sm:grid-cols-2">
        <Field label={t("endDate")} name="end" type="date" required defaultValue={props.currentEnd} error={a.fieldError("end")} />
        <Field label={t("endReason")} name="reason" required error={a.fieldError("reason")} />
        <div className="sm:col-span-2 space-y-3">
          <FormMessage error={a.error} />
          <SubmitButton pending={a.pending} variant="danger">{t("endSubmit")}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
