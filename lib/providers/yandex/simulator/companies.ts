/**
 * Yandex OFD companies: the tenants whose registers send their data through Yandex OFD, with ids like the
 * document's "301". By default two of the mall's tenants with FEW registers, chosen by a fixed rule so every
 * run serves the same ones, and never the tenants the Kontur simulator serves (each tenant has one OFD):
 * a late-closing tenant with two registers (shifts past midnight; a landlord may have added only one of its
 * registers) and the first tenant with a single register. Neither is one of the mall's largest.
 */
import { defaultOrganizations } from "@/lib/providers/kontur/simulator/organizations";
import type { Dataset, SimTenant } from "@/lib/providers/renta/simulator/dataset";

export interface CompanySpec {
  id: string;
  inn: string;
  name: string;
  /** Indexes of the dataset's registers that are this company's cashboxes. */
  kkts: number[];
}

export interface SimCompany extends CompanySpec {
  /** The cashboxes' RNMs, in the order of `kkts`; a cashbox id is its RNM (README.md). */
  rnms: string[];
}

export function defaultCompanies(ds: Dataset): CompanySpec[] {
  const kontur = new Set(defaultOrganizations(ds).map((o) => o.inn));
  const few = ds.tenants.filter((t) => t.kkts.length > 0 && !kontur.has(t.inn)).sort((a, b) => a.kkts.length - b.kkts.length || a.index - b.index);
  const pair = few.filter((t) => t.kkts.length === 2);
  const first = pair.find((t) => t.category.lateClose) ?? pair[0] ?? few[0];
  const second = few.find((t) => t.kkts.length === 1 && t !== first) ?? few.find((t) => t !== first);
  return [first, second].filter((t): t is SimTenant => t !== undefined).map((t, i) => ({ id: String(301 + i), inn: t.inn, name: t.name, kkts: [...t.kkts] }));
}

export function resolveCompanies(ds: Dataset, specs: readonly CompanySpec[]): SimCompany[] {
  const ids = new Set<string>();
  const owners = new Map<number, string>();
  return specs.map((c) => {
    if (ids.has(c.id)) throw new RangeError(`company ${c.id} is given twice`);
    ids.add(c.id);
    for (const k of c.kkts) {
      if (!ds.kkts[k]) throw new RangeError(`company ${c.id}: the dataset has no register ${k}`);
      if (owners.has(k)) throw new RangeError(`register ${k} belongs to both company ${owners.get(k)} and company ${c.id}`);
      owners.set(k, c.id);
    }
    return { ...c, kkts: [...c.kkts], rnms: c.kkts.map((i) => ds.kkts[i].rnm) };
  });
}
