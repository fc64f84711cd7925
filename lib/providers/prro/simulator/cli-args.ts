/**
 * `npm run simulator -- --provider prro` options. The shared parser (renta/simulator/cli-args.ts) knows the
 * common options (port, host, seed, the mall's size, faults); this reads the PRRO-only ones, hands it the rest as
 * a Kontur run (whose shape the common options share), and puts PRRO's default port on top.
 */
import { CliUsageError, parseSimulatorArgs } from "@/lib/providers/renta/simulator/cli-args";
import type { PrroSimulatorOptions } from "./server";

export const PRRO_DEFAULT_PORT = 4014;

export const PRRO_HELP = `PRRO (Ukrainian software cash register service), --provider prro:
  --port N                default ${PRRO_DEFAULT_PORT}
  --api-token T           the api_token it accepts (default: the demo token)
  --tax-objects N         how many registers it serves (default 4)
  plus --host, --seed, the mall's size and the fault options above (not --timeout-rate, --token-lifetime)`;

/** Options that belong to another provider: refused here as the shared parser refuses them. */
const FOREIGN: Record<string, string> = { login: "renta", password: "renta", "timeout-rate": "renta", "token-lifetime": "renta", "api-key": "kontur", sid: "kontur", "yandex-key": "yandex", "ofd-key": "yandex" };

export type PrroCliResult = { help: true } | { help: false; options: PrroSimulatorOptions };

/** The value of `--name v` or `--name=v` (the last one given), and argv without it. */
function take(argv: string[], name: string): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) {
      if (i + 1 >= argv.length) throw new CliUsageError(`--${name} needs a value`);
      value = argv[++i];
    } else if (argv[i].startsWith(`--${name}=`)) value = argv[i].slice(name.length + 3);
    else rest.push(argv[i]);
  }
  return { value, rest };
}

/** undefined unless `--provider prro` was asked for; then its options, or a CliUsageError. */
export function parsePrroArgs(argv: string[]): PrroCliResult | undefined {
  const provider = take(argv, "provider");
  if (provider.value !== "prro") return undefined;
  const token = take(provider.rest, "api-token");
  const count = take(token.rest, "tax-objects");
  for (const a of count.rest) {
    const name = /^--([a-z0-9-]+)/.exec(a)?.[1];
    if (name && FOREIGN[name]) throw new CliUsageError(`--${name} is for --provider ${FOREIGN[name]}`);
  }
  // The common options are read by the shared parser, as a Kontur run: no Kontur-only option is left in argv.
  const parsed = parseSimulatorArgs(["--provider", "kontur", ...count.rest]);
  if (parsed.help) return { help: true };
  if (!("provider" in parsed)) throw new CliUsageError("unexpected options");
  const n = count.value;
  if (n !== undefined && (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > 1000)) throw new CliUsageError(`--tax-objects must be a whole number from 1 to 1000 (got "${n}")`);
  // The token goes into a URL's query: printable ASCII, as the cabinet generates it.
  if (token.value !== undefined && !/^[\x21-\x7e]+$/.test(token.value)) throw new CliUsageError("--api-token must be printable ASCII without spaces");
  const portGiven = count.rest.some((a) => a === "--port" || a.startsWith("--port="));
  const { port, host, dataset, faults } = parsed.options;
  return { help: false, options: { port: portGiven ? port : PRRO_DEFAULT_PORT, host, dataset, faults, apiToken: token.value, taxObjects: n === undefined ? undefined : Number(n) } };
}
