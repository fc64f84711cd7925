import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">{t("forbiddenTitle")}</h1>
      <p className="mt-2 text-slate-600" data-testid="forbidden">{t("forbidden")}</p>
      <Link className="mt-6 inline-block text-blue-800 underline" href="/dashboard">{t("home")}</Link>
    </main>
  );
}
