import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it.each([
    ["short", "Use at least 10"],
    ["1234567890", "too common"],
    ["Password123", "too common"],
    ["йцукенгшщз", "too common"],
    ["aaaaaaaaaaaa", "too easy"],
    ["x".repeat(129), "at most 128"],
  ])("refuses %s", (pw, msg) => {
    expect(passwordProblem(pw)).toContain(msg);
  });

  it.each(["correct horse battery", "лошадь-батарейка-скоба", "x".repeat(64) + "y", "plain lowercase words"])(
    "accepts %s without composition rules",
    (pw) => expect(passwordProblem(pw)).toBeNull(),
  );

  it("refuses a password containing the email's name", () => {
    expect(passwordProblem("anna.petrova-2026", ["anna.petrova"])).toContain("email");
  });
});
