/**
 * Kontur.OFD organisations: the tenants whose registers send their data through Kontur. By default two of
 * the mall's tenants, chosen by a fixed rule so every run serves the same ones: the tenant with the most
 * registers (many busy cashboxes: paging) and a late-closing one (shifts that run past midnight).
 */
import type { Dataset } from "@/lib/providers/renta/simulator/dataset";
import { uuidFor } from "@/lib/providers/renta/simulator/prng";

export interface OrganizationSpec {
  id: string;
  inn: string;
  name: string;
  /** Indexes of the dataset's registers that are this organisation's cashboxes. */
  kkts: number[];
}

export interface SimOrganization extends OrganizationSpec {
  /** The cashboxes' RNMs, in the order of `kkts`. */
  rnms: string[];
}

export function defaultOrganizations(ds: Dataset): OrganizationSpec[] {
  const owners = ds.tenants.filter((t) => t.kkts.length > 0).sort((a, b) => b.kkts.length - a.kkts.length || a.index - b.index);
  const first = owners[0];
  const second = owners.find((t) => t !== first && t.category.lateClose) ?? owners[1];
  return [first, second]
    .filter((t) => t !== undefined)
    .map((t) => ({ id: uuidFor(ds.options.seed, "kontur-organization", t.index), inn: t.inn, name: t.name, kkts: [...t.kkts] }));
}

export function resolveOrganizations(ds: Dataset, specs: readonly OrganizationSpec[]): SimOrganization[] {
  const ids = new Set<string>();
  return specs.map((o) => {
    if (ids.has(o.id)) throw new RangeError(`organisation ${o.id} is given twice`);
    ids.add(o.id);
    const missing = o.kkts.find((i) => !ds.kkts[i]);
    if (missing !== undefined) throw new RangeError(`organisation ${o.id}: the dataset has no register ${missing}`);
    return { ...o, kkts: [...o.kkts], rnms: o.kkts.map((i) => ds.kkts[i].rnm) };
  });
}
