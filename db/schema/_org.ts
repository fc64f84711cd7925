import { foreignKey, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { organizations } from "./core";

/** Every tenant-owned table: org_id, referencing its organisation. */
export const orgId = () =>
  uuid("org_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/**
 * A foreign key that includes org_id, so a row can never point at another organisation's row:
 * (org_id, <col>) → (<parent>.org_id, <parent>.id). Parents declare unique (org_id, id).
 */
export function orgFk(name: string, own: { org: AnyPgColumn; col: AnyPgColumn }, parent: { org: AnyPgColumn; id: AnyPgColumn }, onDelete: "cascade" | "restrict" | "no action" = "restrict") {
  return foreignKey({ name, columns: [own.org, own.col], foreignColumns: [parent.org, parent.id] }).onDelete(onDelete);
}
