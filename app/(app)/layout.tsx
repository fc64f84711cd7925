import { getLocale } from "next-intl/server";
import { Providers } from "@/components/providers";
import { AppShell } from "@/components/layout/app-shell";
import { requirePageContext } from "@/lib/auth/session";
import { AVAILABLE_SECTIONS } from "@/lib/sections";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePageContext();
  return (
    <AppShell
      role={ctx.actor.role}
      email={ctx.actor.email}
      orgId={ctx.actor.orgId}
      organizations={ctx.organizations}
      locale={await getLocale()}
      available={AVAILABLE_SECTIONS}
    >
      <Providers>{children}</Providers>
    </AppShell>
  );
}
