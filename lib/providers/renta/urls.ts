/** URL shapes shared by the client and the request planner (kkt-full-data packs registers into one URL). */

export interface CabinetRef {
  inn: string;
  kpp: string;
}

export interface FullDataQuery {
  from: string;
  to: string;
  rnms: readonly string[];
  token: string;
  cabinet?: CabinetRef;
}

/** The document's parameter order: DateFrom, DateTo, Rnms…, AuthToken, RentaInn, RentaKpp. */
export function fullDataUrl(baseUrl: string, q: FullDataQuery): string {
  const p = new URLSearchParams({ DateFrom: q.from, DateTo: q.to });
  for (const r of q.rnms) p.append("Rnms", r);
  p.append("AuthToken", q.token);
  if (q.cabinet) {
    p.append("RentaInn", q.cabinet.inn);
    p.append("RentaKpp", q.cabinet.kpp);
  }
  return `${baseUrl.replace(/\/+$/, "")}/api/renta/v1/kkt-full-data?${p}`;
}

/** Characters one register adds to a kkt-full-data URL. */
export function rnmCost(rnm: string): number {
  return "&Rnms=".length + encodeURIComponent(rnm).length;
}

/**
 * Split registers into as few groups as fit `maxUrlLength` with a base URL of `baseLength`
 * (first-fit decreasing; optimal when all numbers have the same length, as 16-digit RNMs do).
 * Undefined when one register alone does not fit.
 */
export function chunkByUrlLength(rnms: readonly string[], baseLength: number, maxUrlLength: number): string[][] | undefined {
  const room = maxUrlLength - baseLength;
  const bins: { left: number; rnms: string[] }[] = [];
  const order = [...rnms].sort((a, b) => rnmCost(b) - rnmCost(a));
  for (const r of order) {
    const c = rnmCost(r);
    if (c > room) return undefined;
    const bin = bins.find((b) => b.left >= c);
    if (bin) {
      bin.left -= c;
      bin.rnms.push(r);
    } else bins.push({ left: room - c, rnms: [r] });
  }
  // Keep the caller's order inside each group: stable, readable URLs.
  const index = new Map(rnms.map((r, i) => [r, i]));
  return bins.map((b) => b.rnms.sort((x, y) => index.get(x)! - index.get(y)!));
}
