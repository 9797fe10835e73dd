/**
 * Runs every `bench/*.bench.ts` (or those named on the command line) and writes each one's result to
 * `bench/results/<name>.json`, with the machine it ran on, so the README's figures can be traced to a run.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import os from 'node:os';

export interface BenchModule {
  default: () => Promise<Record<string, unknown>>;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = __dirname;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.includes(basename(f, '.bench.ts')))
    .sort();
  mkdirSync(join(dir, 'results'), { recursive: true });
  let failed = false;
  for (const file of files) {
    const name = basename(file, '.bench.ts');
    process.stderr.write(`bench ${name} ...\n`);
    try {
      const mod = (await import(join(dir, file))) as BenchModule;
      const result = await mod.default();
      const record = {
        name,
        date: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
        result,
      };
      writeFileSync(join(dir, 'results', `${name}.json`), JSON.stringify(record, null, 2) + '\n');
      process.stderr.write(`bench ${name}: ${JSON.stringify(result)}\n`);
    } catch (err) {
      failed = true;
      process.stderr.write(`bench ${name} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
