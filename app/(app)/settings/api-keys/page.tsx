import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ApiKeysManager } from "@/components/forms/api-keys-manager";
import { getDb } from "@/db/client";
import { listApiKeys } from "@/db/queries/api-keys";
import { requirePageContext } from "@/lib/auth/session";

export default async function ApiKeysPage() {
  const ctx = await requirePageContext("apikeys.manage");
  const t = await getTranslations("apiKeys");
  const keys = await listApiKeys(await getDb(), ctx.actor.orgId);
  return (
    <>
      <PageTitle title={t("title")} description={t("description")} actions={<a className="text-sm text-blue-800 underline" href="/api/v1/openapi.json">{t("docs")}</a>} />
      <ApiKeysManager
        keys={keys.map((k) => ({
          id: k.id,
          name: k.name,
          role: k.role,
          prefix: k.prefix,
          createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revoked: !!k.revokedAt,
        }))}
      />
    </>
  );
}
