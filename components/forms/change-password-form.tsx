"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/lib/actions/auth";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const router = useRouter();
  const f = useActionForm(changePasswordAction);
  return (
    <form
      noValidate
      className="max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const v = formValues(form);
        f.submit({ current: v.current, password: v.password, confirm: v.confirm }, () => {
          form.reset();
          router.refresh();
        });
      }}
    >
      <h2 className="font-semibold">{t("changePassword")}</h2>
      <Field label={t("current")} name="current" type="password" autoComplete="current-password" error={f.fieldError("current")} />
      <Field label={t("new")} name="password" type="password" autoComplete="new-password" error={f.fieldError("password")} />
      <Field label={t("confirm")} name="confirm" type="password" autoComplete="new-password" error={f.fieldError("confirm")} />
      <FormMessage error={f.error && !f.result?.ok && !(f.result && !f.result.ok && f.result.error.fields) ? f.error : null} success={f.result?.ok ? t("saved") : null} />
      <SubmitButton pending={f.pending}>{t("save")}</SubmitButton>
    </form>
  );
}
