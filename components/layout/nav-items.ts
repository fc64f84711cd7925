import type { Permission } from "@/lib/auth/permissions";

/** Navigation by role: an item shows only when the role holds its permission (the page checks again). */
export const NAV_ITEMS: { href: string; key: string; permission: Permission }[] = [
  { href: "/dashboard", key: "dashboard", permission: "dashboard.read" },
  { href: "/connections", key: "connections", permission: "connections.read" },
  { href: "/tenants", key: "tenants", permission: "tenancy.read" },
  { href: "/contracts", key: "contracts", permission: "contracts.read" },
  { href: "/rent", key: "rent", permission: "statements.read" },
  { href: "/settings/members", key: "members", permission: "members.manage" },
  { href: "/settings/api-keys", key: "apiKeys", permission: "apikeys.manage" },
  { href: "/settings/audit", key: "audit", permission: "audit.read" },
];
