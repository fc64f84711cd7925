import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/forms/accept-invitation-form";
import { getDb } from "@/db/client";
import { describeInvitation } from "@/lib/orgs/members";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const inv = await describeInvitation(await getDb(), token);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {inv.state === "valid" ? (
          <>
            <h1 className="mb-2 text-xl font-semibold">{t("invite.title", { org: inv.orgName })}</h1>
            <p className="mb-4 text-sm text-slate-600">{t("invite.role", { role: t(`roles.${inv.role}`), email: inv.email })}</p>
            <AcceptInvitationForm token={token} />
          </>
        ) : (
          <p role="alert">{inv.state === "expired" ? t("invite.expired") : t("invite.invalid")}</p>
        )}
      </div>
    </main>
  );
}
