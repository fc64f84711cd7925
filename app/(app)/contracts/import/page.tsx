import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/forms/import-wizard";
import { PageTitle } from "@/components/layout/page-title";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";

/** Premises and contracts (admins), days of turnover (accountants too): each kind as the role allows. */
export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext("org.read");
  const kinds = [...(can(ctx.actor.role, "contracts.write") ? (["premises", "contracts"] as const) : []), ...(can(ctx.actor.role, "turnover.write") ? (["turnover"] as const) : [])];
  if (kinds.length === 0) forbidden();
  const asked = (await searchParams).kind;
  const initial = kinds.find((k) => k === asked) ?? kinds[0];
  const t = await getTranslations("imports");
  return (
    <>
      <PageTitle title={t("title")} description={t("description")} />
      <ImportWizard kinds={[...kinds]} initial={initial} />
    </>
  );
}
