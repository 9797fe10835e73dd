import { readFileSync } from 'node:fs';
import { llamaFixturePath } from './transcripts';

/**
 * What llama-server measured with 1 and 4 slots (bench_np1/np4.jsonl), turned into the simulated server's
 * settings: the per-slot token rate from the server's own timings, and the rest of each request's wall time
 * as prompt time.
 */

interface BenchRow {
  concurrency: number;
  wall_s: number;
  total_tokens: number;
  aggregate_tok_s: number;
  'per_request_tok_s(server timings)': number[];
  per_request_wall_s: number[];
  label: string;
}

export interface Calibration {
  slots: number;
  tokensPerRequest: number;
  tokensPerSecondPerSlot: number;
  promptMs: number;
  /** The recorded aggregate tokens/s with every slot busy (concurrency = slots). */
  recordedAggregateTokS: number;
  source: string;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function calibrationFrom(file: 'bench_np1.jsonl' | 'bench_np4.jsonl'): Calibration {
  const path = llamaFixturePath(file);
  const rows = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BenchRow);
  const slots = Number(/np=(\d+)/.exec(rows[0]?.label ?? '')?.[1]);
  const saturated = rows.filter((r) => r.concurrency === slots);
  if (!slots || saturated.length === 0) throw new Error(`${path}: no rows with concurrency equal to the slot count`);
  const tokensPerRequest = mean(saturated.map((r) => r.total_tokens / r.concurrency));
  const rate = mean(saturated.flatMap((r) => r['per_request_tok_s(server timings)']));
  // With every slot busy the last request's wall time is the round's time: what is not decoding is overhead.
  const roundSeconds = mean(saturated.map((r) => Math.max(...r.per_request_wall_s)));
  return {
    slots,
    tokensPerRequest,
    tokensPerSecondPerSlot: rate,
    promptMs: Math.max(0, (roundSeconds - tokensPerRequest / rate) * 1000),
    recordedAggregateTokS: mean(saturated.map((r) => r.aggregate_tok_s)),
    source: path,
  };
}
