import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can, type Role } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "./nav-items";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";
import { NavLink } from "./nav-link";

export interface ShellProps {
  role: Role;
  email: string;
  orgId: string;
  organizations: { orgId: string; orgName: string; role: Role }[];
  locale: string;
  /** Sections that exist yet; later slices add theirs. */
  available: string[];
  children: React.ReactNode;
}

export async function AppShell({ role, email, orgId, organizations, locale, available, children }: ShellProps) {
  const t = await getTranslations();
  const items = NAV_ITEMS.filter((i) => can(role, i.permission) && available.includes(i.href));
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 lg:flex">
      <aside className="border-b border-slate-200 bg-white lg:w-64 lg:shrink-0 lg:border-b-0 lg:border-r print:hidden">
        <div className="flex items-center justify-between px-4 py-4 lg:block">
          <Link href="/dashboard" className="text-lg font-semibold text-blue-900">
            {t("app.name")}
          </Link>
          <p className="hidden text-xs text-slate-500 lg:block">{t("app.tagline")}</p>
        </div>
        <div className="px-4 pb-3">
          <OrgSwitcher current={orgId} organizations={organizations} label={t("nav.organization")} roleLabels={{ owner: t("roles.owner"), admin: t("roles.admin"), accountant: t("roles.accountant") }} />
        </div>
        <nav aria-label="Main" className="px-2 pb-4">
          <ul className="flex flex-wrap gap-1 lg:flex-col">
            {items.map((i) => (
              <li key={i.href}>
                <NavLink href={i.href}>{t(`nav.${i.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 print:hidden">
          <UserMenu
            email={email}
            roleLabel={t(`roles.${role}`)}
            locale={locale}
            labels={{ signOut: t("nav.signOut"), signOutEverywhere: t("nav.signOutEverywhere"), language: t("nav.language"), account: t("nav.account") }}
          />
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 p-4 lg:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
