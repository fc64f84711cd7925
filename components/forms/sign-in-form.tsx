"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signInAction } from "@/lib/actions/auth";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

export function SignInForm() {
  const t = useTranslations("signIn");
  const router = useRouter();
  const f = useActionForm(signInAction);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        f.submit({ email: v.email, password: v.password }, (d) => {
          router.replace(d.redirectTo);
          router.refresh();
        });
      }}
    >
      <Field label={t("email")} name="email" type="email" autoComplete="username" required error={f.fieldError("email")} />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required error={f.fieldError("password")} />
      <FormMessage error={f.error && !f.fieldError("password") ? f.error : null} />
      <SubmitButton pending={f.pending}>{f.pending ? t("submitting") : t("submit")}</SubmitButton>
    </form>
  );
}
