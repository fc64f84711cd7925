import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ConnectionsManager } from "@/components/forms/connections-manager";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePageContext } from "@/lib/auth/session";
import { listConnectionDtos } from "@/lib/connections/connections";

export default async function ConnectionsPage() {
  const ctx = await requirePageContext("connections.read");
  const t = await getTranslations("connections");
  const rows = await listConnectionDtos(await getDb(), ctx.actor);
  return (
    <>
      <PageTitle title={t("title")} description={t("description")} />
      <ConnectionsManager connections={rows} canWrite={can(ctx.actor.role, "connections.write")} />
    </>
  );
}
