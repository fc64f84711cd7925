import { describe, expect, it } from "vitest";
import { formatFixed, formatPercentTenths, shareTenths } from "./percent";

describe("shares in tenths of a per cent", () => {
  it("rounds half away from zero, exactly", () => {
    expect(shareTenths(1n, 8n)).toBe(125n); // 12.5 %
    expect(shareTenths(1n, 3n)).toBe(333n); // 33.33… → 33.3 %
    expect(shareTenths(2n, 3n)).toBe(667n); // 66.66… → 66.7 %
    expect(shareTenths(1n, 2000n)).toBe(1n); // 0.05 % → 0.1 %
    expect(shareTenths(-1n, 2000n)).toBe(-1n);
    expect(shareTenths(9_000_000_000_000n, 9_000_000_000_001n)).toBe(1000n);
    expect(shareTenths(5n, 0n)).toBeNull();
  });
  it("prints them in the reader's locale", () => {
    expect(formatPercentTenths(125n, "en")).toBe("12.5 %");
    expect(formatPercentTenths(125n, "ru")).toBe("12,5 %");
    expect(formatPercentTenths(3n, "en")).toBe("0.3 %");
    expect(formatPercentTenths(-15n, "en")).toBe("−1.5 %");
    expect(formatPercentTenths(null, "en")).toBe("—");
  });
  it("prints exact fixed-point figures with the locale's separators, never through a float", () => {
    expect(formatFixed(21200n, 2, "en")).toBe("212.00");
    expect(formatFixed(21200n, 2, "ru")).toBe("212,00");
    expect(formatFixed(123456789n, 2, "en")).toBe("1,234,567.89");
    expect(formatFixed(123456789n, 2, "ru").replace(/\s/g, " ")).toBe("1 234 567,89");
    expect(formatFixed(9007199254740993n, 1, "en")).toBe("900,719,925,474,099.3");
    expect(formatFixed(-5n, 2, "en")).toBe("−0.05");
  });
});
