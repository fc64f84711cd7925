"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { computeStatementsAction, issueStatementAction, reviseStatementAction } from "@/lib/actions/statements";
import { Field, FormMessage, SubmitButton } from "@/components/forms/field";
import { formValues, useActionForm } from "@/components/forms/use-action-form";

export function IssueButton({ id }: { id: string }) {
  const t = useTranslations("statement");
  const router = useRouter();
  const issue = useActionForm(issueStatementAction);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!window.confirm(t("issueConfirm"))) return;
        issue.submit({ id }, () => router.refresh());
      }}
      className="space-y-2"
    >
      <SubmitButton pending={issue.pending}>{t("issue")}</SubmitButton>
      <FormMessage error={issue.error} />
    </form>
  );
}

export function ReviseForm({ id }: { id: string }) {
  const t = useTranslations("statement");
  const router = useRouter();
  const revise = useActionForm(reviseStatementAction);
  return (
    <form
      noValidate
      className="mt-4 grid max-w-xl gap-3 rounded-lg border border-slate-200 bg-white p-5"
      aria-labelledby="revise-h"
      onSubmit={(e) => {
        e.preventDefault();
        revise.submit({ id, reason: formValues(e.currentTarget).reason }, (r) => router.push(`/rent/statements/${r.id}`));
      }}
    >
      <h3 id="revise-h" className="font-medium">{t("revise")}</h3>
      <p className="text-sm text-slate-600">{t("reviseHelp")}</p>
      <Field label={t("reason")} name="reason" error={revise.fieldError("reason")} />
      <FormMessage error={revise.result?.ok === false && !revise.result.error.fields ? revise.error : null} />
      <div><SubmitButton pending={revise.pending}>{t("reviseSubmit")}</SubmitButton></div>
    </form>
  );
}

/** A draft computed again from the data stored now (after a sync, an edited contract), this contract only. */
export function RecomputeButton({ period, contractId }: { period: string; contractId: string }) {
  const t = useTranslations("statement");
  const router = useRouter();
  const recompute = useActionForm(computeStatementsAction);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        recompute.submit({ period, contractIds: [contractId] }, () => router.refresh());
      }}
      className="space-y-2"
    >
      <button type="submit" disabled={recompute.pending} aria-busy={recompute.pending} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {recompute.pending ? t("recomputing") : t("recompute")}
      </button>
      {recompute.result?.ok && <p role="status" className="text-sm text-green-800">{t("recomputed")}</p>}
      <FormMessage error={recompute.error} />
    </form>
  );
}
