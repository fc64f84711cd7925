import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionContext } from "@/lib/auth/session";
import { SignInForm } from "@/components/forms/sign-in-form";

export default async function SignInPage() {
  if (await getSessionContext()) redirect("/dashboard");
  const t = await getTranslations("signIn");
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-6 text-xl font-semibold text-slate-900">{t("title")}</h1>
        <SignInForm />
      </div>
    </main>
  );
}
