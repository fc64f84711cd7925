import { describe, expect, it } from "vitest";
import { parseMoneyInput } from "./money";

describe("parseMoneyInput", () => {
  it.each([
    ["150 000,50", 15000050n],
    ["1500.5", 150050n],
    ["0", 0n],
    ["12\u00a0948\u00a0411,73", 1294841173n],
  ])("%s → %s kopecks", (text, minor) => expect(parseMoneyInput(text)).toBe(minor));
  it.each(["", "abc", "1.234", "-5", "1,2,3", "1e5"])("refuses %j", (text) => expect(parseMoneyInput(text)).toBeNull());
});
