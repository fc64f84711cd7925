import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/forms/import-wizard";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageContext } from "@/lib/auth/session";

export default async function ImportPage() {
  await requirePageContext("contracts.write");
  const t = await getTranslations("imports");
  return (
    <>
      <PageTitle title={t("title")} description={t("description")} />
      <ImportWizard />
    </>
  );
}
