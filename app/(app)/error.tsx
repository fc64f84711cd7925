"use client";
import { useTranslations } from "next-intl";

// Unexpected errors: the server logged the details with this digest; the person sees only a reference.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-900">{t("generic")}{error.digest ? ` (ref ${error.digest})` : ""}</h2>
      <button type="button" className="mt-4 rounded-md bg-red-700 px-3 py-1.5 text-sm text-white" onClick={reset}>{t("retry")}</button>
    </div>
  );
}
