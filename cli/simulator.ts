/**
 * Starts a provider simulator standalone: `npm run simulator -- --provider renta|kontur|yandex|prro [--port N]`.
 * Prints the URL and the credentials it accepts; Ctrl+C stops it.
 */
import { startKonturSimulator } from "@/lib/providers/kontur/simulator/server";
import { parsePrroArgs, PRRO_HELP } from "@/lib/providers/prro/simulator/cli-args";
import { startPrroSimulator, type PrroSimulatorOptions } from "@/lib/providers/prro/simulator/server";
import { CliUsageError, parseSimulatorArgs, SIMULATOR_HELP, type CliResult } from "@/lib/providers/renta/simulator/cli-args";
import { startRentaSimulator } from "@/lib/providers/renta/simulator/server";
import { startYandexSimulator } from "@/lib/providers/yandex/simulator/server";

type Started = { url: string; close(): Promise<void>; lines: string[] };
type Parsed = Exclude<CliResult, { help: true }> | { help: false; provider: "prro"; options: PrroSimulatorOptions };
const HELP = `${SIMULATOR_HELP}\n\n${PRRO_HELP}`;

/** The chosen provider's simulator, and what a person needs to point a connection at it. */
async function start(parsed: Parsed): Promise<Started> {
  if ("provider" in parsed && parsed.provider === "prro") {
    const sim = await startPrroSimulator(parsed.options);
    return { ...sim, lines: [`PRRO simulator listening on ${sim.url}`, `  api_token: ${sim.apiToken}`, ...sim.taxObjects.map((t) => `  tax object ${t.numFiscal} (${t.orgName}, ЄДРПОУ ${t.tin}, ${t.name})`), `  test hook: ${sim.url}/__simulator/tax-objects`] };
  }
  if ("provider" in parsed && parsed.provider === "kontur") {
    const sim = await startKonturSimulator(parsed.options);
    return { ...sim, lines: [`Kontur.OFD simulator listening on ${sim.url}`, `  X-Kontur-Ofd-ApiKey: ${sim.apiKey}`, `  auth.sid:            ${sim.sid}`, ...sim.organizations.map((o) => `  organisation ${o.id} (${o.name}, INN ${o.inn}): registers ${o.rnms.join(", ")}`), `  test hook: ${sim.url}/__simulator/organizations`] };
  }
  if ("provider" in parsed && parsed.provider === "yandex") {
    const sim = await startYandexSimulator(parsed.options);
    return { ...sim, lines: [`Yandex OFD simulator listening on ${sim.url}`, `  X-Yandex-Key: ${sim.yandexKey}`, `  X-OFD-Key:    ${sim.ofdKey}`, ...sim.companies.map((c) => `  company ${c.id} (${c.name}, INN ${c.inn}): registers ${c.rnms.join(", ")}`), `  test hook: ${sim.url}/__simulator/companies`] };
  }
  const sim = await startRentaSimulator(parsed.options);
  const ds = sim.dataset;
  return {
    ...sim,
    lines: [
      `Renta simulator listening on ${sim.url}`,
      `  login:    ${sim.login}`,
      `  password: ${sim.password}`,
      `  mall:     ${ds.cabinets.length} cabinets, ${ds.tenants.length} tenants, ${ds.kkts.length} registers, ${ds.options.from} … ${ds.options.to} (seed ${ds.options.seed})`,
      ...ds.cabinets.map((c) => `  cabinet:  ${c.name} INN ${c.inn} KPP ${c.kpp} (${c.status}, paid ${c.paidFrom} … ${c.paidTo})`),
      `  counters: ${sim.url}/__simulator/counters`,
    ],
  };
}

async function main(): Promise<number> {
  let parsed: CliResult | Parsed;
  try {
    const argv = process.argv.slice(2);
    const prro = parsePrroArgs(argv);
    parsed = prro ? (prro.help ? prro : { help: false, provider: "prro", options: prro.options }) : parseSimulatorArgs(argv);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    console.error(`simulator: ${e.message}\n\n${HELP}`);
    return 2;
  }
  if (parsed.help) {
    console.log(HELP);
    return 0;
  }
  let sim;
  try {
    sim = await start(parsed);
  } catch (e) {
    const code = (e as { code?: string }).code;
    console.error(`simulator: cannot listen on ${parsed.options.host ?? "127.0.0.1"}:${parsed.options.port}${code ? ` (${code})` : ""}: ${(e as Error).message}`);
    return 1;
  }
  for (const line of sim.lines) console.log(line);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    console.error("simulator: unexpected error", e);
    process.exit(1);
  },
);
