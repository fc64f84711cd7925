import { describe, expect, it } from "vitest";
import { CliUsageError } from "@/lib/providers/renta/simulator/cli-args";
import { parsePrroArgs, PRRO_DEFAULT_PORT } from "./cli-args";

describe("--provider prro on the command line", () => {
  it("leaves other providers to the shared parser", () => {
    expect(parsePrroArgs(["--provider", "kontur", "--sid", "S"])).toBeUndefined();
    expect(parsePrroArgs([])).toBeUndefined();
  });

  it("reads its own options and the common ones, on its own default port", () => {
    expect(parsePrroArgs(["--provider", "prro", "--api-token", "tok-123", "--tax-objects=6", "--seed", "7", "--rate-429", "0.1"])).toEqual({
      help: false,
      options: { port: PRRO_DEFAULT_PORT, host: "127.0.0.1", dataset: { seed: 7 }, faults: { rate429: 0.1 }, apiToken: "tok-123", taxObjects: 6 },
    });
    expect(parsePrroArgs(["--provider=prro", "--port", "0"])).toMatchObject({ options: { port: 0, apiToken: undefined, taxObjects: undefined } });
    expect(parsePrroArgs(["--provider", "prro", "--help"])).toEqual({ help: true });
  });

  it.each([
    [["--provider", "prro", "--sid", "x"], /--sid is for --provider kontur/],
    [["--provider", "prro", "--login", "x"], /--login is for --provider renta/],
    [["--provider", "prro", "--tax-objects", "0"], /--tax-objects must be a whole number from 1 to 1000/],
    [["--provider", "prro", "--api-token", "a b"], /--api-token must be printable ASCII/],
    [["--provider", "prro", "--api-token"], /--api-token needs a value/],
    [["--provider", "prro", "--bogus"], /Unknown option '--bogus'/],
  ])("%j is refused with a clear message", (argv, message) => {
    expect(() => parsePrroArgs(argv)).toThrow(CliUsageError);
    expect(() => parsePrroArgs(argv)).toThrow(message);
  });
});
