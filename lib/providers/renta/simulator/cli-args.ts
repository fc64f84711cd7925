/** Command-line options of `npm run simulator`, parsed and checked without side effects. */
import { parseArgs } from "node:util";
import { isDay } from "../dates";
import type { SimulatorOptions } from "./server";

export const SIMULATOR_HELP = `Provider simulator

Usage: npm run simulator -- --provider renta|kontur|yandex [options]

  --provider P            which provider to simulate: renta (OFD.ru Renta), kontur (Kontur.OFD), yandex (Yandex OFD)
  --port N                port to listen on (default 4010, 4011, 4012; 0 = any free port)
  --host H                address to bind (default 127.0.0.1)
  --seed N                dataset and fault seed (default 42)
  --cabinets N --tenants N --kkts N      size of the mall (default 2 / 120 / 250)
  --from YYYY-MM-DD --to YYYY-MM-DD      days with sales (default 2025-01-01 … 2026-12-31)
  --login L --password P  renta: credentials the simulator accepts (default: the demo pair)
  --api-key K --sid S     kontur: the X-Kontur-Ofd-ApiKey and auth.sid it accepts (default: the demo pair)
  --yandex-key K --ofd-key K   yandex: the X-Yandex-Key and X-OFD-Key it accepts (default: the demo pair)
  --latency MS            delay before every answer
  --error-rate R          share of 5xx answers (0…1)
  --timeout-rate R        renta: share of requests left hanging (0…1)
  --rate-429 R            share of 429 answers (0…1)
  --retry-after S         Retry-After seconds sent with 429
  --malformed-rate R      share of 200 answers cut off mid-body (0…1)
  --token-lifetime S      renta: seconds a token lives (default 86400)
  --help                  this text`;

export class CliUsageError extends Error {}

type Common = Pick<SimulatorOptions, "port" | "host" | "dataset"> & { faults: Partial<Pick<NonNullable<SimulatorOptions["faults"]>, "latencyMs" | "error5xxRate" | "rate429" | "retryAfterSeconds" | "malformedRate">> };
export type CliResult =
  | { help: true }
  | { help: false; options: SimulatorOptions }
  | { help: false; provider: "kontur"; options: Common & { apiKey?: string; sid?: string } }
  | { help: false; provider: "yandex"; options: Common & { yandexKey?: string; ofdKey?: string } };

const ONLY: Record<string, string> = { login: "renta", password: "renta", "timeout-rate": "renta", "token-lifetime": "renta", "api-key": "kontur", sid: "kontur", "yandex-key": "yandex", "ofd-key": "yandex" };
const DEFAULT_PORT = { renta: 4010, kontur: 4011, yandex: 4012 } as const;

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`);
  return Number(v);
}

function rate(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  // A probability, not money: a plain decimal between 0 and 1.
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(v)) throw new CliUsageError(`--${name} must be a number from 0 to 1 (got "${v}")`);
  return Number(v);
}

function day(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && !isDay(v)) throw new CliUsageError(`--${name} must be a date YYYY-MM-DD (got "${v}")`);
  return v;
}

export function parseSimulatorArgs(argv: string[]): CliResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        provider: { type: "string" }, port: { type: "string" }, host: { type: "string" }, seed: { type: "string" },
        cabinets: { type: "string" }, tenants: { type: "string" }, kkts: { type: "string" }, from: { type: "string" }, to: { type: "string" },
        login: { type: "string" }, password: { type: "string" }, latency: { type: "string" }, "error-rate": { type: "string" },
        "timeout-rate": { type: "string" }, "rate-429": { type: "string" }, "retry-after": { type: "string" },
        "malformed-rate": { type: "string" }, "token-lifetime": { type: "string" }, help: { type: "boolean" },
        "api-key": { type: "string" }, sid: { type: "string" }, "yandex-key": { type: "string" }, "ofd-key": { type: "string" },
      },
    }));
  } catch (e) {
    throw new CliUsageError((e as Error).message);
  }
  if (values.help) return { help: true };
  const s = (k: string) => values[k] as string | undefined;
  const provider = s("provider");
  if (provider === undefined) throw new CliUsageError("--provider is required (supported: renta, kontur, yandex, prro)");
  if (provider !== "renta" && provider !== "kontur" && provider !== "yandex") throw new CliUsageError(`unknown provider "${provider}" (supported: renta, kontur, yandex, prro)`);
  for (const [option, only] of Object.entries(ONLY)) if (values[option] !== undefined && only !== provider) throw new CliUsageError(`--${option} is for --provider ${only}`);
  const dataset = {
    seed: int("seed", s("seed"), 0, 2 ** 31),
    cabinets: int("cabinets", s("cabinets"), 1, 50),
    tenants: int("tenants", s("tenants"), 1, 20_000),
    kkts: int("kkts", s("kkts"), 1, 65_535),
    from: day("from", s("from")),
    to: day("to", s("to")),
  };
  if (dataset.from && dataset.to && dataset.from > dataset.to) throw new CliUsageError("--from must not be after --to");
  const faults = {
    latencyMs: int("latency", s("latency"), 0, 600_000),
    error5xxRate: rate("error-rate", s("error-rate")),
    timeoutRate: rate("timeout-rate", s("timeout-rate")),
    rate429: rate("rate-429", s("rate-429")),
    retryAfterSeconds: int("retry-after", s("retry-after"), 0, 86_400),
    malformedRate: rate("malformed-rate", s("malformed-rate")),
    tokenLifetimeSeconds: int("token-lifetime", s("token-lifetime"), 1, 10 * 86_400),
  };
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const common = { port: int("port", s("port"), 0, 65_535) ?? DEFAULT_PORT[provider], host: s("host") ?? "127.0.0.1", dataset: defined(dataset), faults: defined(faults) };
  if (provider === "kontur") return { help: false, provider, options: { ...common, apiKey: s("api-key"), sid: s("sid") } };
  if (provider === "yandex") return { help: false, provider, options: { ...common, yandexKey: s("yandex-key"), ofdKey: s("ofd-key") } };
  return { help: false, options: { port: common.port, host: common.host, login: s("login"), password: s("password"), dataset: common.dataset, faults: common.faults } };
}
