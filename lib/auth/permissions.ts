/** The one permission table (SPEC §1). Every action and route checks `can(role, permission)`. */
export const ROLES = ["owner", "admin", "accountant"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  "org.read": ["owner", "admin", "accountant"],
  "members.manage": ["owner"],
  "apikeys.manage": ["owner"],
  "audit.read": ["owner"],
  "connections.read": ["owner", "admin"],
  "connections.write": ["owner"],
  "connections.discover": ["owner", "admin"],
  "sync.read": ["owner", "admin"],
  "sync.run": ["owner", "admin"],
  "tenancy.read": ["owner", "admin", "accountant"],
  "tenancy.write": ["owner", "admin"],
  "contracts.read": ["owner", "admin", "accountant"],
  "contracts.write": ["owner", "admin"],
  "statements.read": ["owner", "admin", "accountant"],
  "statements.compute": ["owner", "accountant"],
  "statements.issue": ["owner", "accountant"],
  /** Manual turnover adjustments (with reason and author): part of checking a month's statements. */
  "adjustments.write": ["owner", "accountant"],
  "statements.export": ["owner", "admin", "accountant"],
  "dashboard.read": ["owner", "admin", "accountant"],
  /** A register's receipts read live from its provider (the stored credentials stay on the server). */
  "turnover.check": ["owner", "admin", "accountant"],
  /** A register's day entered by a person or from the tenant's own report (beside, never over, the provider's). */
  "turnover.write": ["owner", "admin", "accountant"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}
