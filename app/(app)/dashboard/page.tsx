import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageContext } from "@/lib/auth/session";

export default async function DashboardPage() {
  const ctx = await requirePageContext("dashboard.read");
  const t = await getTranslations();
  return (
    <>
      <PageTitle title={t("dashboard.title")} description={t("dashboard.description")} />
      <p className="mb-4 text-sm text-slate-600" data-testid="welcome">
        {t("dashboard.welcome", { email: ctx.actor.email, role: t(`roles.${ctx.actor.role}`), org: ctx.actor.orgName })}
      </p>
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">{t("dashboard.empty")}</div>
    </>
  );
}
