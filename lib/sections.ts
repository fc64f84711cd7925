/** App sections that exist in this build; navigation lists only these (later slices add theirs). */
export const AVAILABLE_SECTIONS: string[] = ["/dashboard", "/connections", "/tenants", "/contracts", "/rent", "/settings/members", "/settings/api-keys", "/settings/audit"];
