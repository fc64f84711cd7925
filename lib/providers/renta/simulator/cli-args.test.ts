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
    [["--provider", "evotor"], /unknown provider "evotor"/],
    [["--provider", "kontur", "--login", "x"], /--login is for --provider renta/],
    [["--provider", "renta", "--sid", "x"], /--sid is for --provider kontur/],
    [["--provider", "renta", "--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["--provider", "renta", "--error-rate", "1.5"], /--error-rate must be a number from 0 to 1/],
    [["--provider", "renta", "--from", "2025-02-30"], /--from must be a date/],
    [["--provider", "renta", "--bogus"], /Unknown option '--bogus'/],
    [["--provider", "renta", "--from", "2025-03-01", "--to", "2025-02-01"], /--from must not be after --to/],
  ])("%j is refused with a clear message", (argv, message) => {
    expect(() => parseSimulatorArgs(argv)).toThrow(CliUsageError);
    expect(() => parseSimulatorArgs(argv)).toThrow(message);
  });

  it("reads a Kontur.OFD or Yandex OFD simulator's options, each on its own default port", () => {
    expect(parseSimulatorArgs(["--provider", "kontur", "--sid", "S1", "--rate-429", "0.1"])).toEqual({
      help: false, provider: "kontur", options: { port: 4011, host: "127.0.0.1", dataset: {}, faults: { rate429: 0.1 }, apiKey: undefined, sid: "S1" },
    });
    expect(parseSimulatorArgs(["--provider", "yandex", "--port", "0", "--seed", "3"])).toEqual({
      help: false, provider: "yandex", options: { port: 0, host: "127.0.0.1", dataset: { seed: 3 }, faults: {}, yandexKey: undefined, ofdKey: undefined },
    });
  });

  it("--help", () => expect(parseSimulatorArgs(["--help"])).toEqual({ help: true }));
});
