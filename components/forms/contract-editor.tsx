"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createContractAction, updateContractAction } from "@/lib/actions/contracts";
import { draftToBody, PAYMENT_FORMS, type ContractDraft, type TermsDraft } from "@/lib/contracts/form-draft";
import { SelectInput, TextInput } from "./controlled";
import { FormMessage, SubmitButton } from "./field";
import { useActionForm } from "./use-action-form";

interface Option { id: string; label: string }
interface KktOption { rnm: string; tenantId: string }

const MODES = ["greater_of", "base_plus_overage", "base_plus_percentage", "percentage_only"] as const;

/** Create or edit a lease contract: tenant, premises, registers with their dates, and dated terms versions. */
export function ContractEditor(props: { initial: ContractDraft; contractId?: string; tenants: Option[]; premises: Option[]; kkts: KktOption[] }) {
  const t = useTranslations("contracts");
  const router = useRouter();
  const editing = !!props.contractId;
  const [d, setD] = useState<ContractDraft>(props.initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useActionForm(createContractAction);
  const update = useActionForm(updateContractAction);
  const action = editing ? update : create;
  const err = (path: string) => local[path] ?? action.fieldError(path);

  const set = <K extends keyof ContractDraft>(k: K, v: ContractDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const setTerms = (i: number, patch: Partial<TermsDraft>) => setD((x) => ({ ...x, terms: x.terms.map((tt, j) => (j === i ? { ...tt, ...patch } : tt)) }));
  const tenantKkts = props.kkts.filter((k) => k.tenantId === d.tenantId).map((k) => k.rnm);
  const kktRows = tenantKkts.map((rnm) => d.kkts.find((k) => k.rnm === rnm) ?? { rnm, on: false, from: "", to: "" });
  const setKkt = (rnm: string, patch: Partial<ContractDraft["kkts"][number]>) =>
    setD((x) => ({ ...x, kkts: [...x.kkts.filter((k) => k.rnm !== rnm), { ...(kktRows.find((k) => k.rnm === rnm)!), ...patch }] }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const visible = { ...d, kkts: kktRows };
    const { body, errors } = draftToBody(visible, { amount: t("amountError") });
    setLocal(errors);
    if (Object.keys(errors).length) return;
    if (editing) {
      const { number, end, leaseYearReconciliation, kkts, terms } = body as { number: string; end: string; leaseYearReconciliation: boolean; kkts: unknown; terms: unknown };
      update.submit({ id: props.contractId!, number, end, leaseYearReconciliation, kkts, terms } as never, () => router.refresh());
    } else {
      create.submit(body as never, (r) => router.push(`/contracts/${r.id}`));
    }
  };

  return (
    <form noValidate onSubmit={submit} className="space-y-6" aria-label={editing ? t("edit") : t("new")}>
      <fieldset className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-3">
        <legend className="px-1 font-semibold">{t("contract")}</legend>
        <TextInput label={t("number")} value={d.number} onChange={(v) => set("number", v)} error={err("number")} />
        <SelectInput
          label={t("tenant")}
          value={d.tenantId}
          disabled={editing}
          onChange={(v) => set("tenantId", v)}
          options={[{ value: "", label: t("chooseTenant") }, ...props.tenants.map((x) => ({ value: x.id, label: x.label }))]}
          error={err("tenantId")}
        />
        <SelectInput label={t("currency")} value={d.currency} disabled={editing} onChange={(v) => set("currency", v as "RUB" | "UAH")} options={[{ value: "RUB", label: "RUB ₽" }, { value: "UAH", label: "UAH ₴" }]} />
        <TextInput label={t("start")} type="date" value={d.start} disabled={editing} onChange={(v) => setD((x) => ({ ...x, start: v, terms: x.terms.map((tt) => (tt.effectiveFrom === x.start ? { ...tt, effectiveFrom: v } : tt)) }))} error={err("start")} />
        <TextInput label={t("end")} type="date" value={d.end} onChange={(v) => set("end", v)} error={err("end")} />
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" checked={d.leaseYearReconciliation} onChange={(e) => set("leaseYearReconciliation", e.target.checked)} />
          {t("leaseYearReconciliation")}
        </label>
        <div className="sm:col-span-3">
          <p className="mb-1 text-sm font-medium text-slate-800">{t("premises")}</p>
          <div className="flex flex-wrap gap-3">
            {props.premises.length === 0 && <span className="text-sm text-slate-500">{t("noPremises")}</span>}
            {props.premises.map((p) => (
              <label key={p.id} className="flex items-center gap-1 text-sm">
                <input type="checkbox" disabled={editing} checked={d.premisesIds.includes(p.id)} onChange={(e) => set("premisesIds", e.target.checked ? [...d.premisesIds, p.id] : d.premisesIds.filter((x) => x !== p.id))} />
                {p.label}
              </label>
            ))}
          </div>
          {err("premisesIds") && <p role="alert" className="text-sm text-red-700">{err("premisesIds")}</p>}
        </div>
      </fieldset>

      <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 font-semibold">{t("registers")}</legend>
        {!d.tenantId && <p className="text-sm text-slate-500">{t("chooseTenantFirst")}</p>}
        {d.tenantId && kktRows.length === 0 && <p className="text-sm text-slate-500">{t("noRegisters")}</p>}
        <div className="space-y-2">
          {kktRows.map((k) => {
            const i = d.kkts.filter((x) => x.on).findIndex((x) => x.rnm === k.rnm);
            return (
              <div key={k.rnm} className="grid items-end gap-3 sm:grid-cols-4">
                <label className="flex items-center gap-2 pb-2 text-sm">
                  <input type="checkbox" checked={k.on} onChange={(e) => setKkt(k.rnm, { on: e.target.checked })} aria-label={`${t("counts")} ${k.rnm}`} />
                  <span className="font-mono">{k.rnm}</span>
                </label>
                <TextInput label={t("from")} type="date" value={k.from} disabled={!k.on} onChange={(v) => setKkt(k.rnm, { from: v })} error={i >= 0 ? err(`kkts.${i}.from`) : undefined} />
                <TextInput label={t("to")} type="date" value={k.to} disabled={!k.on} onChange={(v) => setKkt(k.rnm, { to: v })} error={i >= 0 ? err(`kkts.${i}.to`) : undefined} />
                {i >= 0 && err(`kkts.${i}.rnm`) && <p role="alert" className="text-sm text-red-700 sm:col-span-4">{err(`kkts.${i}.rnm`)}</p>}
              </div>
            );
          })}
        </div>
      </fieldset>

      {d.terms.map((tt, i) => {
        const p = `terms.${i}`;
        return (
          <fieldset key={i} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-3" aria-label={`${t("terms")} ${i + 1}`}>
            <legend className="px-1 font-semibold">{t("termsFrom", { n: i + 1 })}</legend>
            <TextInput label={t("effectiveFrom")} type="date" value={tt.effectiveFrom} onChange={(v) => setTerms(i, { effectiveFrom: v })} error={err(`${p}.effectiveFrom`)} />
            <SelectInput label={t("mode")} value={tt.mode} onChange={(v) => setTerms(i, { mode: v as TermsDraft["mode"] })} options={MODES.map((m) => ({ value: m, label: t(`modes.${m}`) }))} error={err(`${p}.mode`)} />
            <div />
            <SelectInput
              label={t("baseKind")}
              value={tt.baseKind}
              onChange={(v) => setTerms(i, { baseKind: v as TermsDraft["baseKind"] })}
              options={(["monthly", "perM2Monthly", "perM2Yearly"] as const).map((k) => ({ value: k, label: t(`baseKinds.${k}`) }))}
            />
            <TextInput label={t("baseAmount")} inputMode="decimal" hint="150 000,00" value={tt.baseAmount} onChange={(v) => setTerms(i, { baseAmount: v })} error={err(`${p}.baseRent`) ?? err(`${p}.baseRent.${tt.baseKind}`)} />
            {tt.mode === "base_plus_overage" ? (
              <TextInput label={t("breakpoint")} inputMode="decimal" hint={t("breakpointHint")} value={tt.breakpoint} onChange={(v) => setTerms(i, { breakpoint: v })} error={err(`${p}.breakpoint`)} />
            ) : (
              <div />
            )}
            <div className="space-y-2 sm:col-span-3">
              <p className="text-sm font-medium text-slate-800">{t("tiers")}</p>
              {err(`${p}.tiers`) && <p role="alert" className="text-sm text-red-700">{err(`${p}.tiers`)}</p>}
              {tt.tiers.map((tier, j) => (
                <div key={j} className="grid items-end gap-3 sm:grid-cols-4">
                  <TextInput label={t("tierFrom", { n: j + 1 })} inputMode="decimal" value={tier.from} onChange={(v) => setTerms(i, { tiers: tt.tiers.map((x, k) => (k === j ? { ...x, from: v } : x)) })} error={err(`${p}.tiers.${j}.from`)} />
                  <TextInput label={t("tierRate", { n: j + 1 })} inputMode="decimal" value={tier.rate} onChange={(v) => setTerms(i, { tiers: tt.tiers.map((x, k) => (k === j ? { ...x, rate: v } : x)) })} error={err(`${p}.tiers.${j}.rate`)} />
                  {tt.tiers.length > 1 && (
                    <button type="button" className="mb-1 text-sm text-red-700 underline" onClick={() => setTerms(i, { tiers: tt.tiers.filter((_, k) => k !== j) })}>{t("removeTier")}</button>
                  )}
                </div>
              ))}
              <button type="button" className="text-sm text-blue-800 underline" onClick={() => setTerms(i, { tiers: [...tt.tiers, { from: "", rate: "" }] })}>{t("addTier")}</button>
            </div>
            <TextInput label={t("pctFloor")} inputMode="decimal" value={tt.pctFloor} onChange={(v) => setTerms(i, { pctFloor: v })} error={err(`${p}.pctFloor`)} />
            <TextInput label={t("pctCap")} inputMode="decimal" value={tt.pctCap} onChange={(v) => setTerms(i, { pctCap: v })} error={err(`${p}.pctCap`)} />
            <div />
            <SelectInput label={t("refunds")} value={tt.refunds} onChange={(v) => setTerms(i, { refunds: v as "net" | "gross" })} options={[{ value: "net", label: t("net") }, { value: "gross", label: t("gross") }]} />
            <SelectInput label={t("turnoverVat")} value={tt.vat} onChange={(v) => setTerms(i, { vat: v as "included" | "excluded" })} options={[{ value: "included", label: t("vatIncluded") }, { value: "excluded", label: t("vatExcluded") }]} />
            <SelectInput label={t("vatOnRent")} value={tt.vatOnRent} onChange={(v) => setTerms(i, { vatOnRent: v })} options={[{ value: "", label: t("noVat") }, { value: "20", label: "20 %" }, { value: "22", label: "22 %" }]} error={err(`${p}.vatOnRent`)} />
            <label className="flex items-center gap-2 self-end pb-2 text-sm sm:col-start-3">
              <input type="checkbox" disabled={tt.vatOnRent === ""} checked={tt.vatOnRent !== "" && tt.vatInclusive} onChange={(e) => setTerms(i, { vatInclusive: e.target.checked })} />
              {t("vatInclusive")}
            </label>
            <fieldset className="sm:col-span-3">
              <legend className="mb-1 text-sm font-medium text-slate-800">{t("excludedForms")}</legend>
              <div className="flex flex-wrap gap-4">
                {PAYMENT_FORMS.map((f) => (
                  <label key={f} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={tt.excludedForms.includes(f)}
                      onChange={(e) => setTerms(i, { excludedForms: e.target.checked ? [...tt.excludedForms, f] : tt.excludedForms.filter((x) => x !== f) })}
                    />
                    {t(`forms.${f}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <TextInput label={t("indexPercent")} inputMode="decimal" value={tt.indexPercent} onChange={(v) => setTerms(i, { indexPercent: v })} error={err(`${p}.indexation.percent`)} />
            <TextInput label={t("indexOn")} hint={t("indexOnHint")} value={tt.indexOn} onChange={(v) => setTerms(i, { indexOn: v })} error={err(`${p}.indexation.on`)} />
            {(d.leaseYearReconciliation || tt.yearlyTiers.length > 0 || [tt.yearlyBreakpoint, tt.yearlyFloor, tt.yearlyCap].some((v) => v.trim() !== "")) && (
              <fieldset className="grid gap-3 rounded-md border border-slate-200 p-4 sm:col-span-3 sm:grid-cols-3" aria-label={`${t("yearly")} ${i + 1}`}>
                <legend className="px-1 text-sm font-medium text-slate-800">{t("yearly")}</legend>
                <p className="text-sm text-slate-600 sm:col-span-3">{t("yearlyHint")}</p>
                {tt.yearlyTiers.map((tier, j) => (
                  <div key={j} className="grid items-end gap-3 sm:col-span-3 sm:grid-cols-4">
                    <TextInput label={t("yearlyTierFrom", { n: j + 1 })} inputMode="decimal" value={tier.from} onChange={(v) => setTerms(i, { yearlyTiers: tt.yearlyTiers.map((x, k) => (k === j ? { ...x, from: v } : x)) })} error={err(`${p}.yearly.tiers.${j}.from`)} />
                    <TextInput label={t("yearlyTierRate", { n: j + 1 })} inputMode="decimal" value={tier.rate} onChange={(v) => setTerms(i, { yearlyTiers: tt.yearlyTiers.map((x, k) => (k === j ? { ...x, rate: v } : x)) })} error={err(`${p}.yearly.tiers.${j}.rate`)} />
                    <button type="button" className="mb-1 text-sm text-red-700 underline" onClick={() => setTerms(i, { yearlyTiers: tt.yearlyTiers.filter((_, k) => k !== j) })}>{t("removeTier")}</button>
                  </div>
                ))}
                {err(`${p}.yearly.tiers`) && <p role="alert" className="text-sm text-red-700 sm:col-span-3">{err(`${p}.yearly.tiers`)}</p>}
                <div className="sm:col-span-3">
                  <button
                    type="button"
                    className="text-sm text-blue-800 underline"
                    onClick={() => setTerms(i, { yearlyTiers: tt.yearlyTiers.length ? [...tt.yearlyTiers, { from: "", rate: "" }] : tt.tiers.map((x) => ({ from: x.from === "0" ? "0" : "", rate: x.rate })) })}
                  >
                    {t("addYearlyTier")}
                  </button>
                </div>
                {tt.mode === "base_plus_overage" && (
                  <TextInput label={t("yearlyBreakpoint")} inputMode="decimal" value={tt.yearlyBreakpoint} onChange={(v) => setTerms(i, { yearlyBreakpoint: v })} error={err(`${p}.yearly.breakpoint`)} />
                )}
                <TextInput label={t("yearlyFloor")} inputMode="decimal" value={tt.yearlyFloor} onChange={(v) => setTerms(i, { yearlyFloor: v })} error={err(`${p}.yearly.pctFloor`)} />
                <TextInput label={t("yearlyCap")} inputMode="decimal" value={tt.yearlyCap} onChange={(v) => setTerms(i, { yearlyCap: v })} error={err(`${p}.yearly.pctCap`)} />
              </fieldset>
            )}
            {d.terms.length > 1 && (
              <div className="flex items-end"><button type="button" className="text-sm text-red-700 underline" onClick={() => set("terms", d.terms.filter((_, k) => k !== i))}>{t("removeTerms")}</button></div>
            )}
          </fieldset>
        );
      })}
      <button type="button" className="text-sm text-blue-800 underline" onClick={() => set("terms", [...d.terms, { ...d.terms[d.terms.length - 1], effectiveFrom: "" }])}>{t("addTerms")}</button>

      <FormMessage error={action.error ?? (Object.keys(local).length ? t("checkFields") : null)} success={update.result?.ok ? t("saved") : null} />
      <SubmitButton pending={action.pending}>{editing ? t("save") : t("create")}</SubmitButton>
    </form>
  );
}
