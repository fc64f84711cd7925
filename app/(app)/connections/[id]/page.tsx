import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { and, asc, eq } from "drizzle-orm";
import { PageTitle } from "@/components/layout/page-title";
import { ConnectionSync, RentaCabinets } from "@/components/sync/connection-sync";
import { ProviderRegisters } from "@/components/sync/provider-registers";
import { PrroShifts } from "@/components/sync/prro-shifts";
import { DeleteConnection } from "@/components/sync/delete-connection";
import { ReplaceCredentials } from "@/components/sync/replace-credentials";
import { getDb } from "@/db/client";
import * as cq from "@/db/queries/connections";
import { organizationCurrency } from "@/db/queries/members";
import { cabinets, tenants } from "@/db/schema";
import { listConnectionRegisters } from "@/lib/connections/registers";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { listPrroShifts } from "@/lib/sync/prro-poll";
import { listSyncRuns } from "@/lib/sync/runs";
import { turnoverReport } from "@/lib/turnover/report";
import { registersByHand, type ProviderKind } from "@/lib/validations/connections";
import { isUuid } from "@/lib/validations/identifiers";

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("connections.read");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const connection = await cq.getConnection(db, ctx.actor.orgId, id);
  if (!connection) notFound();
  const t = await getTranslations("sync");
  const tc = await getTranslations("connections");
  const provider = connection.provider as ProviderKind;
  const byHand = registersByHand(provider);
  const prro = provider === "prro";
  const [cabs, runs, registers, tenantOptions, shifts, locale] = await Promise.all([
    db.select({ id: cabinets.id, inn: cabinets.inn, kpp: cabinets.kpp, name: cabinets.name, status: cabinets.status, activeFrom: cabinets.activeFrom, activeTo: cabinets.activeTo }).from(cabinets).where(and(eq(cabinets.orgId, ctx.actor.orgId), eq(cabinets.connectionId, id))).orderBy(asc(cabinets.name)),
    listSyncRuns(db, ctx.actor, id),
    byHand ? listConnectionRegisters(db, ctx.actor, id) : [],
    byHand ? db.select({ id: tenants.id, name: tenants.name, inn: tenants.inn }).from(tenants).where(eq(tenants.orgId, ctx.actor.orgId)).orderBy(asc(tenants.name)) : [],
    prro ? listPrroShifts(db, ctx.actor, id) : [],
    getLocale(),
  ]);
  const currency = await organizationCurrency(db, ctx.actor.orgId);
  const last = runs.find((r) => r.status === "succeeded" || r.status === "partial");
  const turnover = last?.from && last.to ? await turnoverReport(db, ctx.actor, { from: last.from, to: last.to, groupBy: "month", connectionId: id }) : [];
  return (
    <>
      <PageTitle title={connection.name} description={`${tc(provider)} · ${connection.baseUrl}`} actions={<Link href="/connections" className="text-sm text-blue-800 underline">{t("back")}</Link>} />
      {(connection.status === "auth_failed" || connection.status === "error") && (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="connection-error">
          {tc(`statuses.${connection.status}`)}: {connection.lastError}
        </p>
      )}
      <div className="mb-8">
        {registersByHand(provider) ? (
          <ProviderRegisters provider={provider} connectionId={id} canEdit={can(ctx.actor.role, "connections.discover")} registers={registers} tenants={tenantOptions} />
        ) : (
          <RentaCabinets connectionId={id} canDiscover={can(ctx.actor.role, "connections.discover")} cabinets={cabs} />
        )}
      </div>
      {prro && <PrroShifts shifts={shifts} locale={locale} currency={currency} />}
      <ConnectionSync
        connectionId={id}
        poll={prro}
        currency={currency}
        canSync={can(ctx.actor.role, "sync.run")}
        runs={runs.map((r) => ({ id: r.id, kind: r.kind, from: r.from, to: r.to, status: r.status, done: r.progress.done, total: r.progress.total, requests: r.requests, createdAt: r.createdAt }))}
        turnover={turnover.map((r) => ({ month: r.key.month, income: r.income.toString(), refunds: r.refunds.toString(), net: r.net.toString(), receipts: r.receipts }))}
      />
      {can(ctx.actor.role, "connections.write") && (
        <div className="mt-8 space-y-6">
          <ReplaceCredentials connectionId={id} provider={provider} />
          <DeleteConnection connectionId={id} name={connection.name} />
        </div>
      )}
    </>
  );
}
