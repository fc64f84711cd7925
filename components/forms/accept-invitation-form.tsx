"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { acceptInvitationAction } from "@/lib/actions/auth";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("invite");
  const router = useRouter();
  const f = useActionForm(acceptInvitationAction);
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        f.submit({ token, name: v.name || undefined, password: v.password }, (d) => {
          router.replace(d.redirectTo);
          router.refresh();
        });
      }}
    >
      <Field label={t("name")} name="name" autoComplete="name" error={f.fieldError("name")} />
      <Field label={t("password")} name="password" type="password" autoComplete="new-password" hint={t("passwordHint")} error={f.fieldError("password")} />
      <FormMessage error={f.error && !f.fieldError("password") ? f.error : null} />
      <SubmitButton pending={f.pending}>{t("accept")}</SubmitButton>
    </form>
  );
}
