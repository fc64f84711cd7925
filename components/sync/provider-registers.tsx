"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Field, FormMessage, SubmitButton } from "@/components/forms/field";
import { formValues, useActionForm } from "@/components/forms/use-action-form";
import { addConnectionRegisterAction, removeConnectionRegisterAction } from "@/lib/actions/connections";
import type { ConnectionRegisterDto } from "@/lib/validations/connection-registers";
import type { ByHandProvider } from "@/lib/validations/connections";

/** The label and an example of each provider's id of a tenant's company. */
const COMPANY_ID = { kontur: { label: "konturOrganization", hint: "c2e3a34c-823f-4b1e-…" }, yandex: { label: "yandexCompany", hint: "301" }, prro: { label: "prroTin", hint: "" } } as const;

/**
 * The registers of a connection whose provider lists none (Kontur.OFD, Yandex OFD): an admin adds each one with
 * the id the provider shows for the tenant's company; the sync pulls exactly these.
 */
export function ProviderRegisters(props: { provider: ByHandProvider; connectionId: string; canEdit: boolean; registers: ConnectionRegisterDto[]; tenants: { id: string; name: string; inn: string }[] }) {
  const t = useTranslations("sync");
  const tc = useTranslations("connections");
  const providerName = tc(props.provider);
  const router = useRouter();
  const add = useActionForm(addConnectionRegisterAction);
  const remove = useActionForm(removeConnectionRegisterAction);
  const companyId = COMPANY_ID[props.provider];
  // A PRRO is added by its fiscal number alone: the service says whose it is.
  const prro = props.provider === "prro";
  return (
    <section aria-labelledby="kontur-regs-h" className="space-y-3">
      <h2 id="kontur-regs-h" className="text-lg font-semibold">{t("providerRegisters", { provider: providerName })}</h2>
      <p className="text-sm text-slate-600">{prro ? t("prroRegistersHint") : t("providerRegistersHint", { provider: providerName })}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="connection-registers">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr><th className="px-4 py-2">{prro ? t("fiscalNumber") : t("rnm")}</th><th className="px-4 py-2">{t(companyId.label)}</th><th className="px-4 py-2">{t("tenant")}</th><th className="px-4 py-2">{t("place")}</th>{props.canEdit && <th className="px-4 py-2"><span className="sr-only">{t("remove")}</span></th>}</tr>
          </thead>
          <tbody>
            {props.registers.length === 0 && <tr><td colSpan={5} className="px-4 py-6 text-center text-slate-500">{t("noRegisters")}</td></tr>}
            {props.registers.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 last:border-0">
                <td className="px-4 py-2 font-mono text-xs"><Link className="text-blue-800 underline" href={`/dashboard/registers/${r.id}`}>{r.rnm}</Link></td>
                <td className="px-4 py-2 font-mono text-xs">{r.organizationId}</td>
                <td className="px-4 py-2"><Link className="text-blue-800 underline" href={`/dashboard/tenants/${r.tenantId}`}>{r.tenantName}</Link></td>
                <td className="px-4 py-2">{r.place ?? "—"}</td>
                {props.canEdit && (
                  <td className="px-4 py-2 text-right">
                    <form onSubmit={(e) => { e.preventDefault(); remove.submit({ connectionId: props.connectionId, kktId: r.id }, () => router.refresh()); }}>
                      <SubmitButton pending={remove.pending} variant="plain">{t("remove")}</SubmitButton>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormMessage error={remove.error} />
      {props.canEdit && (
        <form
          noValidate
          autoComplete="off"
          aria-labelledby="kontur-add-h"
          className="grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const v = formValues(form);
            add.submit({ connectionId: props.connectionId, rnm: v.rnm, organizationId: prro ? undefined : v.organizationId, tenantId: v.tenantId || (prro ? undefined : v.tenantId), place: v.place || undefined }, () => {
              form.reset();
              router.refresh();
            });
          }}
        >
          <h3 id="kontur-add-h" className="font-semibold sm:col-span-2">{t("addRegister")}</h3>
          <Field label={prro ? t("fiscalNumber") : t("rnm")} name="rnm" hint={prro ? "4000070440" : "0000000003065868"} error={add.fieldError("rnm")} />
          {!prro && <Field label={t(companyId.label)} name="organizationId" hint={companyId.hint} error={add.fieldError("organizationId")} />}
          <Field label={t("tenant")} name="tenantId" error={add.fieldError("tenantId")}>
            <option value="">{prro ? t("tenantFromService") : t("chooseTenant")}</option>
            {props.tenants.map((x) => <option key={x.id} value={x.id}>{x.name} · {x.inn}</option>)}
          </Field>
          <Field label={t("place")} name="place" error={add.fieldError("place")} />
          <div className="sm:col-span-2"><FormMessage error={add.error && !(add.result && !add.result.ok && add.result.error.fields) ? add.error : null} success={add.result?.ok ? t("registerAdded", { rnm: add.result.data.rnm }) : null} /></div>
          <div><SubmitButton pending={add.pending}>{t("addRegister")}</SubmitButton></div>
        </form>
      )}
    </section>
  );
}
