import { fieldErrors } from "@/lib/errors";
import { premisesInputSchema } from "@/lib/validations/contracts";
import { col, type ImportTable } from "./table";

export interface PreviewRow<T> {
  line: number;
  values: Record<string, string>;
  input?: T;
  errors: Record<string, string>;
}

const first = (f: Record<string, string[]>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v[0]]));

/** Premises rows: code, area (m², "85.25" or "85,25"), floor. Codes must be new and unique in the file. */
export function previewPremises(table: ImportTable, existingCodes: Set<string>) {
  const seen = new Map<string, number>();
  return table.rows.map((r): PreviewRow<{ code: string; areaM2: string; floor?: string }> => {
    const raw = { code: col(r.values, "code", "код", "помещение"), areaM2: col(r.values, "areaM2", "area", "площадь", "площадьм").replace(/\s/g, "").replace(",", "."), floor: col(r.values, "floor", "этаж") || undefined };
    const p = premisesInputSchema.safeParse(raw);
    const errors: Record<string, string> = p.success ? {} : first(fieldErrors(p.error.issues));
    if (raw.code && existingCodes.has(raw.code)) errors.code ??= "Premises with this code already exist";
    if (raw.code && seen.has(raw.code)) errors.code ??= `Same code as line ${seen.get(raw.code)}`;
    if (raw.code) seen.set(raw.code, r.line);
    return { line: r.line, values: r.values, input: p.success ? p.data : undefined, errors };
  });
}
