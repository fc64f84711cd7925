"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/actions/api-keys";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

interface Key { id: string; name: string; role: Role; prefix: string; createdAt: string; lastUsedAt: string | null; revoked: boolean }

export function ApiKeysManager({ keys }: { keys: Key[] }) {
  const t = useTranslations();
  const fmt = useFormatter();
  const create = useActionForm(createApiKeyAction);
  const [pending, start] = useTransition();
  const date = (s: string | null) => (s ? fmt.dateTime(new Date(s), { dateStyle: "medium", timeStyle: "short" }) : t("apiKeys.never"));
  return (
    <div className="space-y-6">
      <form
        noValidate
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-5"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const v = formValues(form);
          create.submit({ name: v.name, role: v.role as Role }, () => form.reset());
        }}
      >
        <div className="min-w-56 flex-1"><Field label={t("apiKeys.name")} name="name" error={create.fieldError("name")} /></div>
        <div className="w-48">
          <Field label={t("apiKeys.role")} name="role" defaultValue="accountant" error={create.fieldError("role")}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </Field>
        </div>
        <SubmitButton pending={create.pending}>{t("apiKeys.create")}</SubmitButton>
        <div className="w-full">
          <FormMessage error={create.error && !create.fieldError("name") ? create.error : null} />
          {create.result?.ok && (
            <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              {t("apiKeys.shownOnce")}
              <code className="mt-1 block break-all font-mono" data-testid="new-api-key">{create.result.data.key}</code>
            </div>
          )}
        </div>
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="api-keys-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t("apiKeys.name")}</th><th className="px-4 py-2">{t("apiKeys.prefix")}</th><th className="px-4 py-2">{t("apiKeys.role")}</th>
              <th className="px-4 py-2">{t("apiKeys.created")}</th><th className="px-4 py-2">{t("apiKeys.lastUsed")}</th><th className="px-4 py-2">{t("apiKeys.status")}</th><th className="px-4 py-2" />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2">{k.name}</td>
                <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="px-4 py-2">{t(`roles.${k.role}`)}</td>
                <td className="px-4 py-2">{date(k.createdAt)}</td>
                <td className="px-4 py-2">{date(k.lastUsedAt)}</td>
                <td className="px-4 py-2">{k.revoked ? t("apiKeys.revoked") : t("apiKeys.active")}</td>
                <td className="px-4 py-2">
                  {!k.revoked && (
                    <button type="button" className="text-red-700 hover:underline" disabled={pending} onClick={() => start(async () => void (await revokeApiKeyAction({ id: k.id })))}>
                      {t("apiKeys.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
