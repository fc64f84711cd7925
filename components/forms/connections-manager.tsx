"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { createConnectionAction } from "@/lib/actions/connections";
import { OFFICIAL_BASE_URL } from "@/lib/connections/base-url";
import { PROVIDERS, type ConnectionDto, type ProviderKind } from "@/lib/validations/connections";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

const STATUS_STYLE: Record<ConnectionDto["status"], string> = {
  new: "bg-slate-100 text-slate-700",
  ok: "bg-green-100 text-green-800",
  auth_failed: "bg-red-100 text-red-800",
  error: "bg-amber-100 text-amber-900",
};

export function ConnectionsManager({ connections, canWrite }: { connections: ConnectionDto[]; canWrite: boolean }) {
  const t = useTranslations("connections");
  const fmt = useFormatter();
  const create = useActionForm(createConnectionAction);
  const [provider, setProvider] = useState<ProviderKind>("renta");
  return (
    <div className="space-y-6">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="connections-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">{t("name")}</th><th className="px-4 py-2">{t("provider")}</th><th className="px-4 py-2">{t("baseUrl")}</th>
              <th className="px-4 py-2">{t("credentials")}</th><th className="px-4 py-2">{t("status")}</th><th className="px-4 py-2">{t("created")}</th>
            </tr>
          </thead>
          <tbody>
            {connections.length === 0 && (
              <tr><td colSpan={6} className="px-4 py-6 text-center text-slate-500">{t("empty")}</td></tr>
            )}
            {connections.map((c) => (
              <tr key={c.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2 font-medium"><Link className="text-blue-800 underline" href={`/connections/${c.id}`}>{c.name}</Link></td>
                <td className="px-4 py-2">{t(c.provider)}</td>
                <td className="px-4 py-2 font-mono text-xs">{c.baseUrl}</td>
                <td className="px-4 py-2">{c.hasCredentials ? t("stored") : t("missing")}</td>
                <td className="px-4 py-2"><span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[c.status]}`}>{t(`statuses.${c.status}`)}</span></td>
                <td className="px-4 py-2">{fmt.dateTime(new Date(c.createdAt), { dateStyle: "medium" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canWrite && (
        <form
          noValidate
          autoComplete="off"
          className="grid max-w-2xl gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
          aria-labelledby="add-connection"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const v = formValues(form);
            const common = { name: v.name, baseUrl: v.baseUrl || undefined };
            create.submit(
              provider === "kontur"
                ? { provider, ...common, credentials: { apiKey: v.apiKey, sid: v.sid } }
                : provider === "yandex"
                  ? { provider, ...common, credentials: { yandexKey: v.yandexKey, ofdKey: v.ofdKey } }
                  : provider === "prro"
                    ? { provider, ...common, credentials: { apiToken: v.apiToken } }
                    : { provider, ...common, credentials: { login: v.login, password: v.password } },
              () => form.reset(),
            );
          }}
        >
          <h2 id="add-connection" className="font-semibold sm:col-span-2">{t("add")}</h2>
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor="connection-provider" className="block text-sm font-medium text-slate-800">{t("provider")}</label>
            <select id="connection-provider" value={provider} onChange={(e) => setProvider(e.target.value as ProviderKind)} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm sm:w-1/2">
              {PROVIDERS.map((p) => <option key={p} value={p}>{t(p)}</option>)}
            </select>
          </div>
          <Field label={t("name")} name="name" error={create.fieldError("name")} />
          <Field label={t("baseUrl")} name="baseUrl" hint={OFFICIAL_BASE_URL[provider] ?? t("baseUrlRequired")} error={create.fieldError("baseUrl")} />
          {provider === "kontur" ? (
            <>
              <Field key="apiKey" label={t("apiKey")} name="apiKey" type="password" autoComplete="off" error={create.fieldError("credentials.apiKey")} />
              <Field key="sid" label={t("sid")} name="sid" type="password" autoComplete="off" error={create.fieldError("credentials.sid")} />
            </>
          ) : provider === "prro" ? (
            <Field key="apiToken" label={t("apiToken")} name="apiToken" type="password" autoComplete="off" error={create.fieldError("credentials.apiToken")} />
          ) : provider === "yandex" ? (
            <>
              <Field key="yandexKey" label={t("yandexKey")} name="yandexKey" type="password" autoComplete="off" error={create.fieldError("credentials.yandexKey")} />
              <Field key="ofdKey" label={t("ofdKey")} name="ofdKey" type="password" autoComplete="off" error={create.fieldError("credentials.ofdKey")} />
            </>
          ) : (
            <>
              <Field key="login" label={t("login")} name="login" autoComplete="off" error={create.fieldError("credentials.login")} />
              <Field key="password" label={t("password")} name="password" type="password" autoComplete="new-password" error={create.fieldError("credentials.password")} />
            </>
          )}
          <div className="sm:col-span-2">
            <FormMessage error={create.error && !(create.result && !create.result.ok && create.result.error.fields) ? create.error : null} success={create.result?.ok ? t("saved") : null} />
          </div>
          <div><SubmitButton pending={create.pending}>{t("save")}</SubmitButton></div>
        </form>
      )}
    </div>
  );
}
