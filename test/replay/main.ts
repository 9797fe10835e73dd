/**
 * Standalone replay server for end-to-end tests and the demo:
 *
 *   npx tsx test/replay/main.ts --port 18080 [--scenario SPEC] [--slots N]
 *   npx tsx test/replay/main.ts --port 18080 --simulate np4   (the calibrated throughput server)
 *
 * Prints `listening http://127.0.0.1:PORT` on stdout once it accepts connections; SIGTERM/SIGINT close it.
 */
import { calibrationFrom } from './benchCalibration';
import { ReplayServer } from './replayServer';
import { SimulatedServer } from './simulatedServer';

interface Args {
  port: number;
  scenario: string;
  slots?: number;
  simulate?: 'np1' | 'np4';
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 0, scenario: 'llama' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--port') args.port = Number(value);
    else if (flag === '--scenario') args.scenario = value;
    else if (flag === '--slots') args.slots = Number(value);
    else if (flag === '--simulate' && (value === 'np1' || value === 'np4')) args.simulate = value;
    else throw new Error(`unknown option ${flag} ${value} (use --port N, --scenario SPEC, --slots N, --simulate np1|np4)`);
  }
  if (!Number.isInteger(args.port) || args.port < 0) throw new Error('--port must be a port number');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let close: () => Promise<void>;
  let url: string;
  if (args.simulate) {
    const c = calibrationFrom(args.simulate === 'np1' ? 'bench_np1.jsonl' : 'bench_np4.jsonl');
    const sim = await SimulatedServer.start({ slots: args.slots ?? c.slots, tokensPerSecondPerSlot: c.tokensPerSecondPerSlot, promptMs: c.promptMs, defaultTokens: Math.round(c.tokensPerRequest) }, args.port);
    ({ url } = sim);
    close = () => sim.close();
  } else {
    const replay = await ReplayServer.start({ port: args.port, scenario: args.scenario, slots: args.slots });
    ({ url } = replay);
    close = () => replay.close();
  }
  process.stdout.write(`listening ${url}\n`);
  const stop = (): void => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`replay server: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
