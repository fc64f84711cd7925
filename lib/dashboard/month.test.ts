import { describe, expect, it } from "vitest";
import { chooseMonth } from "./month";

const now = new Date("2026-12-03T10:00:00Z");

describe("chooseMonth", () => {
  it("shows last month by default, the whole of it, with 13 months of history", () => {
    expect(chooseMonth(undefined, now)).toEqual({ month: "2026-11", current: "2026-12", invalid: false, chosen: false, from: "2026-11-01", to: "2026-11-30", monthEnd: "2026-11-30", historyFrom: "2025-11-01", yearBefore: { month: "2025-11", from: "2025-11-01", to: "2025-11-30" } });
    expect(chooseMonth("", now)).toMatchObject({ month: "2026-11", chosen: false, invalid: false });
  });
  it("takes a month up to the current one; the current one runs to today; February and leap years end right", () => {
    expect(chooseMonth("2026-12", now)).toMatchObject({ month: "2026-12", from: "2026-12-01", to: "2026-12-03", monthEnd: "2026-12-31", invalid: false });
    expect(chooseMonth("2024-02", now)).toMatchObject({ month: "2024-02", from: "2024-02-01", to: "2024-02-29", historyFrom: "2023-02-01" });
    expect(chooseMonth("2025-02", now)).toMatchObject({ to: "2025-02-28" });
    // Like for like: the current month's days so far against the same days a year before; 29 February → 28.
    expect(chooseMonth("2026-12", now).yearBefore).toEqual({ month: "2025-12", from: "2025-12-01", to: "2025-12-03" });
    expect(chooseMonth("2024-02", now).yearBefore).toEqual({ month: "2023-02", from: "2023-02-01", to: "2023-02-28" });
    expect(chooseMonth("2028-02", new Date("2028-02-29T12:00:00Z")).yearBefore).toEqual({ month: "2027-02", from: "2027-02-01", to: "2027-02-28" });
    expect(chooseMonth("2026-01", new Date("2026-01-01T00:00:00Z"))).toMatchObject({ month: "2026-01", to: "2026-01-01" });
  });
  it("refuses a future month or anything but YYYY-MM, showing last month instead", () => {
    for (const bad of ["2027-01", "2026-13", "2026-00", "2026-1", "ноябрь", "2026-11-01"]) expect(chooseMonth(bad, now), bad).toMatchObject({ month: "2026-11", invalid: true, chosen: true });
  });
});
