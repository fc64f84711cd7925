import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";

/** A live check that failed in a way the page says itself (the provider's refusal, nothing to check, a bad day); anything else is the page's error. */
export function isShownCheckFailure(e: unknown): e is AppError {
  return e instanceof AppError && e.code !== "not_found" && e.code !== "forbidden" && e.code !== "unauthenticated";
}

/** Why the receipts could not be checked, in the reader's language where we know the case. */
export async function CheckFailure({ error: e }: { error: AppError }) {
  const t = await getTranslations("registers");
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="check-error">
      {e.code === "provider" ? t("providerFailed", { message: e.message }) : e.code === "conflict" ? t("notFromProvider") : e.fields?.day ? t("badDay") : e.message}
    </p>
  );
}
