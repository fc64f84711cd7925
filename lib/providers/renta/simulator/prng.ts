/**
 * Seeded randomness for the simulator. Every number is a pure function of (seed, keys), so a
 * register's day can be regenerated on demand instead of being kept in memory.
 */

/** 32-bit hash of the parts (FNV-1a, then a murmur3 finaliser for avalanche). */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = parts.join("\u0001");
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** Lowercase hex digits. */
  hex(n: number): string;
  /** Decimal digits (may start with 0). */
  digits(n: number): string;
}

/** mulberry32: tiny, fast, good enough for plausible data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    hex: (n) => Array.from({ length: n }, () => int(0, 15).toString(16)).join(""),
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(""),
  };
}

/** A generator keyed by (seed, parts). */
export function rngFor(...parts: readonly (string | number)[]): Rng {
  return rng(hash32(...parts));
}

/** A UUID-shaped id derived from the keys (stable across runs). */
export function uuidFor(...parts: readonly (string | number)[]): string {
  const h = rngFor("uuid", ...parts).hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
