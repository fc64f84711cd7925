/**
 * Starts a provider simulator standalone: `npm run simulator -- --provider renta --port 4010`.
 * Prints the URL and the credentials it accepts; Ctrl+C stops it.
 */
import { CliUsageError, parseSimulatorArgs, SIMULATOR_HELP } from "@/lib/providers/renta/simulator/cli-args";
import { startRentaSimulator } from "@/lib/providers/renta/simulator/server";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseSimulatorArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    console.error(`simulator: ${e.message}\n\n${SIMULATOR_HELP}`);
    return 2;
  }
  if (parsed.help) {
    console.log(SIMULATOR_HELP);
    return 0;
  }
  let sim;
  try {
    sim = await startRentaSimulator(parsed.options);
  } catch (e) {
    const code = (e as { code?: string }).code;
    console.error(`simulator: cannot listen on ${parsed.options.host}:${parsed.options.port}${code ? ` (${code})` : ""}: ${(e as Error).message}`);
    return 1;
  }
  const ds = sim.dataset;
  console.log(`Renta simulator listening on ${sim.url}`);
  console.log(`  login:    ${sim.login}`);
  console.log(`  password: ${sim.password}`);
  console.log(`  mall:     ${ds.cabinets.length} cabinets, ${ds.tenants.length} tenants, ${ds.kkts.length} registers, ${ds.options.from} … ${ds.options.to} (seed ${ds.options.seed})`);
  for (const c of ds.cabinets) console.log(`  cabinet:  ${c.name} INN ${c.inn} KPP ${c.kpp} (${c.status}, paid ${c.paidFrom} … ${c.paidTo})`);
  console.log(`  counters: ${sim.url}/__simulator/counters`);
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
