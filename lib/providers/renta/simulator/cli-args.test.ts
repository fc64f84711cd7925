import { describe, expect, it } from "vitest";
import { CliUsageError, parseSimulatorArgs } from "./cli-args";

describe("simulator command line", () => {
  it("reads the documented options", () => {
    const r = parseSimulatorArgs(["--provider", "renta", "--port", "4010", "--seed", "7", "--latency", "25", "--error-rate", "0.2", "--kkts", "1200", "--from", "2025-01-01"]);
    expect(r).toEqual({
      help: false,
      options: { port: 4010, host: "127.0.0.1", login: undefined, password: undefined, dataset: { seed: 7, kkts: 1200, from: "2025-01-01" }, faults: { latencyMs: 25, error5xxRate: 0.2 } },
    });
  });

  it.each([
    [[], /--provider is required/],
    [["--provider", "yandex"], /unknown provider "yandex"/],
    [["--provider", "renta", "--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["--provider", "renta", "--error-rate", "1.5"], /--error-rate must be a number from 0 to 1/],
    [["--provider", "renta", "--from", "2025-02-30"], /--from must be a date/],
    [["--provider", "renta", "--bogus"], /Unknown option '--bogus'/],
    [["--provider", "renta", "--from", "2025-03-01", "--to", "2025-02-01"], /--from must not be after --to/],
  ])("%j is refused with a clear message", (argv, message) => {
    expect(() => parseSimulatorArgs(argv)).toThrow(CliUsageError);
    expect(() => parseSimulatorArgs(argv)).toThrow(message);
  });

  it("--help", () => expect(parseSimulatorArgs(["--help"])).toEqual({ help: true }));
});
