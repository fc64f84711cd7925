import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ChangePasswordForm } from "@/components/forms/change-password-form";
import { requirePageContext } from "@/lib/auth/session";

export default async function AccountPage() {
  const ctx = await requirePageContext();
  const t = await getTranslations("account");
  return (
    <>
      <PageTitle title={t("title")} description={ctx.actor.email} />
      {ctx.mustChangePassword && <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">{t("mustChange")}</p>}
      <ChangePasswordForm />
    </>
  );
}
