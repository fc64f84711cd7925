import { getTranslations } from "next-intl/server";
import type { RegisterInfo } from "@/lib/turnover/register-day";
import { PROVIDERS, type ProviderKind } from "@/lib/validations/connections";

/** What a register is and where its turnover comes from, under a page's title. */
export async function RegisterFacts({ register: r }: { register: RegisterInfo }) {
  const t = await getTranslations("registers");
  const tc = await getTranslations("connections");
  const facts = [
    t("about", { tenant: r.tenant.name, inn: r.tenant.inn }),
    r.store && t("store", { store: r.store }),
    r.place && t("place", { place: r.place }),
    r.address && t("address", { address: r.address }),
    (r.consentFrom || r.consentTo) && t("consent", { from: r.consentFrom ?? "…", to: r.consentTo ?? t("consentOpen") }),
    r.provider
      ? r.provider.kind === "prro"
        ? t("sourcePrro", { connection: r.provider.connection, tin: r.provider.organizationId ?? "" })
        : r.provider.organizationId
        ? t("sourceByHand", { connection: r.provider.connection, provider: PROVIDERS.includes(r.provider.kind as ProviderKind) ? tc(r.provider.kind as ProviderKind) : r.provider.kind, organization: r.provider.organizationId })
        : t("source", { connection: r.provider.connection, cabinet: r.provider.cabinet, inn: r.provider.inn })
      : t("manual"),
  ].filter((x): x is string => typeof x === "string" && x !== "");
  return (
    <ul className="-mt-4 mb-6 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600" data-testid="register-facts">
      {facts.map((f) => <li key={f}>{f}</li>)}
    </ul>
  );
}
