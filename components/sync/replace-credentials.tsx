"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Field, FormMessage, SubmitButton } from "@/components/forms/field";
import { formValues, useActionForm } from "@/components/forms/use-action-form";
import { updateConnectionAction } from "@/lib/actions/connections";
import type { ProviderKind } from "@/lib/validations/connections";

/** Each provider's credential fields: the form's names are the credentials' own. */
const FIELDS: Record<ProviderKind, { name: string; label: string }[]> = {
  renta: [{ name: "login", label: "login" }, { name: "password", label: "password" }],
  kontur: [{ name: "apiKey", label: "apiKey" }, { name: "sid", label: "sid" }],
  yandex: [{ name: "yandexKey", label: "yandexKey" }, { name: "ofdKey", label: "ofdKey" }],
  prro: [{ name: "apiToken", label: "apiToken" }],
};

/**
 * New credentials for a connection (a changed password, an expired Kontur auth.sid): sealed like the first ones,
 * never shown. The connection is checked again at its next sync.
 */
export function ReplaceCredentials({ connectionId, provider }: { connectionId: string; provider: ProviderKind }) {
  const t = useTranslations("connections");
  const router = useRouter();
  const update = useActionForm(updateConnectionAction);
  return (
    <form
      noValidate
      autoComplete="off"
      aria-labelledby="replace-credentials-h"
      className="grid max-w-2xl gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const v = formValues(form);
        update.submit({ id: connectionId, credentials: Object.fromEntries(FIELDS[provider].map((f) => [f.name, v[f.name] ?? ""])) }, () => {
          form.reset();
          router.refresh();
        });
      }}
    >
      <h2 id="replace-credentials-h" className="font-semibold sm:col-span-2">{t("replaceCredentials")}</h2>
      <p className="text-sm text-slate-600 sm:col-span-2">{t("replaceCredentialsHint")}</p>
      {FIELDS[provider].map((f) => (
        <Field key={f.name} label={t(f.label)} name={f.name} type={f.name === "login" ? "text" : "password"} autoComplete="off" error={update.fieldError(`credentials.${f.name}`)} />
      ))}
      <div className="sm:col-span-2">
        <FormMessage error={update.error && !(update.result && !update.result.ok && update.result.error.fields) ? update.error : null} success={update.result?.ok ? t("credentialsReplaced") : null} />
      </div>
      <div><SubmitButton pending={update.pending}>{t("replaceCredentials")}</SubmitButton></div>
    </form>
  );
}
