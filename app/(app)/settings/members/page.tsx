import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { MembersManager } from "@/components/forms/members-manager";
import { getDb } from "@/db/client";
import { listMembers, listPendingInvitations } from "@/db/queries/members";
import { requirePageContext } from "@/lib/auth/session";

export default async function MembersPage() {
  const ctx = await requirePageContext("members.manage");
  const t = await getTranslations("members");
  const db = await getDb();
  const [members, invitations] = await Promise.all([listMembers(db, ctx.actor.orgId), listPendingInvitations(db, ctx.actor.orgId)]);
  return (
    <>
      <PageTitle title={t("title")} description={t("description")} />
      <MembersManager
        selfId={ctx.actor.userId}
        members={members.map((m) => ({ userId: m.userId, email: m.email, name: m.name, role: m.role, since: m.since.toISOString() }))}
        invitations={invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))}
      />
    </>
  );
}
