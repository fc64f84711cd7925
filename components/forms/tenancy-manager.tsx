"use client";
import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { ListTable } from "@/components/tables/list-table";
import { compareDecimal } from "@/components/tables/sort";
import { createKktAction, createPremisesAction, createTenantAction, setStoreCategoryAction, updatePremisesAction, updateTenantAction } from "@/lib/actions/tenancy";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Field, FormMessage, SubmitButton } from "./field";
import { formValues, useActionForm } from "./use-action-form";

interface Tenant { id: string; inn: string; kpp: string; name: string }
/** `place` and `address` are searched and shown when the page passes them. */
interface Kkt { id: string; rnm: string; tenantId: string; consentFrom: string | null; consentTo: string | null; place?: string | null; address?: string | null }
type KktRow = Kkt & { tenant: string };
interface Premises { id: string; code: string; areaM2: string; floor: string | null }
interface Store { id: string; name: string; brand: string | null; category: string; providerCategory: string; overridden: boolean }

function CategoryEditor({ store }: { store: Store }) {
  const t = useTranslations("tenancy");
  const save = useActionForm(setStoreCategoryAction);
  return (
    <form
      className="flex items-center gap-2"
      aria-label={t("categoryFor", { store: store.name })}
      onSubmit={(e) => {
        e.preventDefault();
        save.submit({ storeId: store.id, category: formValues(e.currentTarget).category ?? "" });
      }}
    >
      <input name="category" defaultValue={store.overridden ? store.category : ""} placeholder={store.providerCategory || "—"} aria-label={t("category")} aria-invalid={!!save.fieldError("category")} className="w-48 rounded-md border border-slate-300 px-2 py-1 text-sm" />
      <button type="submit" disabled={save.pending} className="rounded-md border border-slate-300 px-2 py-1 text-xs">{t("saveCategory")}</button>
      {save.fieldError("category") && <span role="alert" className="text-xs text-red-700">{save.fieldError("category")}</span>}
      {save.result?.ok && <span role="status" className="text-xs text-green-800">{t("saved")}</span>}
    </form>
  );
}

const card = "grid max-w-3xl gap-3 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-3";

/** An inline edit form: focus on its first field when it opens, Escape cancels. */
function EditForm(props: { label: string; onSubmit: (v: Record<string, string>) => void; onCancel: () => void; pending: boolean; error: string | null; children: React.ReactNode }) {
  const t = useTranslations("tenancy");
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector("input")?.focus();
  }, []);
  return (
    <form
      ref={ref}
      noValidate
      className={card}
      aria-label={props.label}
      onKeyDown={(e) => e.key === "Escape" && props.onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(formValues(e.currentTarget));
      }}
    >
      {props.children}
      <div className="sm:col-span-3"><FormMessage error={props.error} /></div>
      <div className="flex gap-2 sm:col-span-3">
        <SubmitButton pending={props.pending}>{t("save")}</SubmitButton>
        <button type="button" onClick={props.onCancel} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">{t("cancel")}</button>
      </div>
    </form>
  );
}

/** The form-level message: a refusal without field errors, or the "change something" error of an empty patch. */
const formError = (f: { result: ActionResult<unknown> | null; error: string | null; fieldError: (name: string) => string | undefined }) => (f.result?.ok === false ? (f.result.error.fields ? (f.fieldError("_") ?? null) : f.error) : null);

function TenantEditor({ tenant, onDone }: { tenant: Tenant; onDone: (saved: boolean) => void }) {
  const t = useTranslations("tenancy");
  const save = useActionForm(updateTenantAction);
  const soleTrader = tenant.inn.length === 12;
  return (
    <EditForm
      label={t("editTenant", { name: tenant.name })}
      pending={save.pending}
      error={formError(save)}
      onCancel={() => onDone(false)}
      onSubmit={(v) => save.submit({ id: tenant.id, name: v.name, ...(soleTrader ? {} : { kpp: v.kpp }) }, () => onDone(true))}
    >
      <Field label={t("name")} name="name" defaultValue={tenant.name} error={save.fieldError("name")} />
      <p className="space-y-1 text-sm"><span className="block font-medium text-slate-800">{t("inn")}</span><span className="block py-2 font-mono">{tenant.inn}</span><span className="block text-xs text-slate-500">{t("innFixed")}</span></p>
      {!soleTrader && <Field label={t("kpp")} name="kpp" defaultValue={tenant.kpp} error={save.fieldError("kpp")} />}
    </EditForm>
  );
}

function PremisesEditor({ premises, onDone }: { premises: Premises; onDone: (saved: boolean) => void }) {
  const t = useTranslations("tenancy");
  const save = useActionForm(updatePremisesAction);
  return (
    <EditForm
      label={t("editPremises", { code: premises.code })}
      pending={save.pending}
      error={formError(save)}
      onCancel={() => onDone(false)}
      onSubmit={(v) => save.submit({ id: premises.id, code: v.code, areaM2: v.areaM2.replace(",", "."), floor: v.floor || null }, () => onDone(true))}
    >
      <Field label={t("code")} name="code" defaultValue={premises.code} error={save.fieldError("code")} />
      <Field label={t("area")} name="areaM2" hint="85.25" defaultValue={premises.areaM2} error={save.fieldError("areaM2")} />
      <Field label={t("floor")} name="floor" hint={t("floorHint")} defaultValue={premises.floor ?? ""} error={save.fieldError("floor")} />
    </EditForm>
  );
}

type Editing = { kind: "tenant" | "premises"; id: string } | null;

/** The row's Edit button, and "Saved" once its editor closed after a save. */
function EditButton({ label, saved, onClick, editKey }: { label: string; saved: boolean; onClick: () => void; editKey: string }) {
  const t = useTranslations("tenancy");
  return (
    <span className="flex items-center gap-2">
      <button type="button" aria-label={label} data-edit={editKey} onClick={onClick} className="rounded-md border border-slate-300 px-2 py-1 text-xs">{t("edit")}</button>
      {saved && <span role="status" className="text-xs text-green-800">{t("saved")}</span>}
    </span>
  );
}

const tenantCol = createColumnHelper<Tenant>();
const kktCol = createColumnHelper<KktRow>();
const premisesCol = createColumnHelper<Premises>();
const storeCol = createColumnHelper<Store>();
const mono = (c: { getValue: () => string }) => <span className="font-mono">{c.getValue()}</span>;
const orDash = (c: { getValue: () => string }) => c.getValue() || "—";
const consent = (k: Kkt) => (k.consentFrom ? `${k.consentFrom} – ${k.consentTo ?? "…"}` : "");
const placeOf = (k: Kkt) => k.place || k.address || "";
const floorOf = (p: Premises) => p.floor ?? "";
const brandOf = (s: Store) => s.brand ?? "";

export function TenancyManager(props: { tenants: Tenant[]; kkts: Kkt[]; premises: Premises[]; stores: Store[]; canWriteTenancy: boolean; canWritePremises: boolean }) {
  const t = useTranslations("tenancy");
  const addTenant = useActionForm(createTenantAction);
  const addKkt = useActionForm(createKktAction);
  const addPremises = useActionForm(createPremisesAction);
  const kktRows = useMemo(() => {
    const tenantName = new Map(props.tenants.map((x) => [x.id, x.name]));
    return props.kkts.map((k): KktRow => ({ ...k, tenant: tenantName.get(k.tenantId) ?? "" }));
  }, [props.tenants, props.kkts]);
  const hasPlace = props.kkts.some((k) => k.place || k.address);
  const columns = useMemo(
    () => ({
      tenants: [tenantCol.accessor("name", { header: t("name") }), tenantCol.accessor("inn", { header: t("inn"), cell: mono }), tenantCol.accessor("kpp", { header: t("kpp"), cell: mono })],
      kkts: [
        // A register leads to its month, day by day (what is stored and counted, and each day's receipts).
        kktCol.accessor("rnm", { header: t("rnm"), cell: (c) => <Link className="font-mono text-blue-800 underline" href={`/dashboard/registers/${c.row.original.id}`}>{c.getValue()}</Link> }),
        kktCol.accessor("tenant", { header: t("tenant"), cell: orDash }),
        ...(hasPlace ? [kktCol.accessor(placeOf, { id: "place", header: t("place"), cell: orDash })] : []),
        kktCol.accessor(consent, { id: "consent", header: t("consent"), cell: orDash }),
      ],
      premises: [
        premisesCol.accessor("code", { header: t("code") }),
        premisesCol.accessor("areaM2", { header: t("area"), sortingFn: (a, b) => compareDecimal(a.original.areaM2, b.original.areaM2), cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
        premisesCol.accessor(floorOf, { id: "floor", header: t("floor"), cell: orDash }),
      ],
      stores: [
        storeCol.accessor("name", { header: t("store") }),
        storeCol.accessor(brandOf, { id: "brand", header: t("brand"), cell: orDash }),
        storeCol.accessor("category", { header: t("category"), cell: (c) => `${c.getValue() || "—"}${c.row.original.overridden ? ` (${t("overridden")})` : ""}` }),
      ],
    }),
    [t, hasPlace],
  );
  const count = (shown: number, total: number) => t("shownOf", { shown, total });
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<Editing>(null);
  const isOpen = (kind: "tenant" | "premises", id: string) => editing?.kind === kind && editing.id === id;
  const wasSaved = (kind: "tenant" | "premises", id: string) => saved?.kind === kind && saved.id === id;
  const open = (kind: "tenant" | "premises", id: string) => {
    setSaved(null);
    setEditing({ kind, id });
  };
  const done = (kind: "tenant" | "premises", id: string) => (ok: boolean) => {
    setEditing(null);
    setSaved(ok ? { kind, id } : null);
    // The form goes away: give focus back to the row's Edit button rather than losing it to the page.
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-edit="${kind}-${id}"]`)?.focus());
  };
  return (
    <div className="space-y-10">
      <section className="space-y-4" aria-labelledby="tenants-h">
        <h2 id="tenants-h" className="text-lg font-semibold">{t("tenants")}</h2>
        <ListTable
          name="tenants"
          labelledBy="tenants-h"
          rows={props.tenants}
          columns={columns.tenants}
          initialSort="name"
          search={{ label: t("searchTenants"), hint: t("searchTenantsHint"), texts: (x) => [x.name, x.inn, x.kpp] }}
          count={count}
          empty={t("noTenants")}
          noMatch={t("noMatch")}
          actions={props.canWriteTenancy ? { header: t("actions"), cell: (x) => <EditButton label={t("editTenant", { name: x.name })} editKey={`tenant-${x.id}`} saved={wasSaved("tenant", x.id)} onClick={() => open("tenant", x.id)} /> } : undefined}
          detail={(x) => (props.canWriteTenancy && isOpen("tenant", x.id) ? <TenantEditor key={x.id} tenant={x} onDone={done("tenant", x.id)} /> : null)}
        />
        {props.canWriteTenancy && (
          <form
            noValidate
            className={card}
            aria-labelledby="add-tenant"
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              const v = formValues(form);
              addTenant.submit({ name: v.name, inn: v.inn, kpp: v.kpp || undefined }, () => form.reset());
            }}
          >
            <h3 id="add-tenant" className="font-medium sm:col-span-3">{t("addTenant")}</h3>
            <Field label={t("name")} name="name" error={addTenant.fieldError("name")} />
            <Field label={t("inn")} name="inn" hint={t("innHint")} error={addTenant.fieldError("inn")} />
            <Field label={t("kpp")} name="kpp" error={addTenant.fieldError("kpp")} />
            <div className="sm:col-span-3"><FormMessage error={addTenant.result?.ok === false && !addTenant.result.error.fields ? addTenant.error : null} success={addTenant.result?.ok ? t("saved") : null} /></div>
            <div><SubmitButton pending={addTenant.pending}>{t("add")}</SubmitButton></div>
          </form>
        )}
      </section>

      <section className="space-y-4" aria-labelledby="kkts-h">
        <h2 id="kkts-h" className="text-lg font-semibold">{t("registers")}</h2>
        <ListTable
          name="kkts"
          labelledBy="kkts-h"
          rows={kktRows}
          columns={columns.kkts}
          initialSort="rnm"
          search={{ label: t("searchRegisters"), hint: t("searchRegistersHint"), texts: (k) => [k.rnm, k.tenant, k.place, k.address, k.consentFrom, k.consentTo] }}
          count={count}
          empty={t("noRegisters")}
          noMatch={t("noMatch")}
        />
        {props.canWriteTenancy && props.tenants.length > 0 && (
          <form
            noValidate
            className={card}
            aria-labelledby="add-kkt"
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              const v = formValues(form);
              addKkt.submit({ rnm: v.rnm, tenantId: v.tenantId }, () => form.reset());
            }}
          >
            <h3 id="add-kkt" className="font-medium sm:col-span-3">{t("addRegister")}</h3>
            <Field label={t("rnm")} name="rnm" hint={t("rnmHint")} error={addKkt.fieldError("rnm")} />
            <Field label={t("tenant")} name="tenantId" error={addKkt.fieldError("tenantId")}>
              {props.tenants.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </Field>
            <div className="sm:col-span-3"><FormMessage error={addKkt.result?.ok === false && !addKkt.result.error.fields ? addKkt.error : null} success={addKkt.result?.ok ? t("saved") : null} /></div>
            <div><SubmitButton pending={addKkt.pending}>{t("add")}</SubmitButton></div>
          </form>
        )}
      </section>

      <section className="space-y-4" aria-labelledby="premises-h">
        <h2 id="premises-h" className="text-lg font-semibold">{t("premises")}</h2>
        <ListTable
          name="premises"
          labelledBy="premises-h"
          rows={props.premises}
          columns={columns.premises}
          initialSort="code"
          search={{ label: t("searchPremises"), hint: t("searchPremisesHint"), texts: (p) => [p.code, p.floor] }}
          count={count}
          empty={t("noPremises")}
          noMatch={t("noMatch")}
          actions={props.canWritePremises ? { header: t("actions"), cell: (p) => <EditButton label={t("editPremises", { code: p.code })} editKey={`premises-${p.id}`} saved={wasSaved("premises", p.id)} onClick={() => open("premises", p.id)} /> } : undefined}
          detail={(p) => (props.canWritePremises && isOpen("premises", p.id) ? <PremisesEditor key={p.id} premises={p} onDone={done("premises", p.id)} /> : null)}
        />
        {props.canWritePremises && (
          <form
            noValidate
            className={card}
            aria-labelledby="add-premises"
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              const v = formValues(form);
              addPremises.submit({ code: v.code, areaM2: v.areaM2.replace(",", "."), floor: v.floor || undefined }, () => form.reset());
            }}
          >
            <h3 id="add-premises" className="font-medium sm:col-span-3">{t("addPremises")}</h3>
            <Field label={t("code")} name="code" error={addPremises.fieldError("code")} />
            <Field label={t("area")} name="areaM2" hint="85.25" error={addPremises.fieldError("areaM2")} />
            <Field label={t("floor")} name="floor" error={addPremises.fieldError("floor")} />
            <div className="sm:col-span-3"><FormMessage error={addPremises.result?.ok === false && !addPremises.result.error.fields ? addPremises.error : null} success={addPremises.result?.ok ? t("saved") : null} /></div>
            <div><SubmitButton pending={addPremises.pending}>{t("add")}</SubmitButton></div>
          </form>
        )}
      </section>

      <section className="space-y-4" aria-labelledby="stores-h">
        <h2 id="stores-h" className="text-lg font-semibold">{t("stores")}</h2>
        <ListTable
          name="stores"
          labelledBy="stores-h"
          rows={props.stores}
          columns={columns.stores}
          initialSort="name"
          search={{ label: t("searchStores"), hint: t("searchStoresHint"), texts: (s) => [s.name, s.brand, s.category, s.providerCategory] }}
          count={count}
          empty={t("noStores")}
          noMatch={t("noMatch")}
          actions={props.canWriteTenancy ? { header: t("override"), cell: (s) => <CategoryEditor store={s} /> } : undefined}
        />
      </section>
    </div>
  );
}
