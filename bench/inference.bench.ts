/**
 * Does a batch keep the server saturated? Aggregate tokens/s of `runBatch` against a simulated llama-server
 * (slots and per-slot token rate calibrated on the recorded bench_np1/np4.jsonl) versus the server's own
 * throughput at the same concurrency: the same requests driven by a bare HTTP loop that does nothing but
 * keep every slot busy. Goal (issue 7): the batch within 5% of the bare loop.
 *
 *   npx tsx bench/run.ts inference        (BENCH_ROUNDS=N for more rounds per slot; default 4)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Question } from '../server/dataset/model';
import { JsonlGenerationSink, runBatch, type Endpoint } from '../server/inference';
import { builtinTemplate } from '../server/templates';
import { sharedPath } from '../test/helpers/shared';
import { calibrationFrom, SimulatedServer, type Calibration } from '../test/replay';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);

/** Real MedQA questions as the prompts (the simulated server's answer does not depend on them). */
function medqaQuestions(n: number): Question[] {
  const rows = readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return rows.slice(0, n).map((line, i) => {
    const row = JSON.parse(line) as { question: string; options: Record<string, string> };
    return { id: `medqa-${i + 1}`, text: row.question, kind: 'multiple-choice', options: row.options, source: { file: 'medqa_usmle.jsonl', line: i + 1 } };
  });
}

function postAndDrain(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The server's own throughput: `concurrency` loops posting back to back, no parsing, no storing. */
async function bareLoop(sim: SimulatedServer, requests: number, concurrency: number, tokens: number): Promise<{ tokS: number; wallMs: number }> {
  const before = sim.stats.tokens;
  const body = JSON.stringify({ model: 'simulated.gguf', messages: [{ role: 'user', content: 'x' }], stream: true, max_tokens: tokens });
  let left = requests;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await postAndDrain(`${sim.url}/v1/chat/completions`, body);
    }),
  );
  const wallMs = Date.now() - started;
  return { tokS: ((sim.stats.tokens - before) * 1000) / wallMs, wallMs };
}

async function batchRun(sims: SimulatedServer[], questions: Question[], tokens: number, dir: string): Promise<{ tokS: number; wallMs: number; complete: number }> {
  const before = sims.reduce((n, s) => n + s.stats.tokens, 0);
  const endpoints: Endpoint[] = sims.map((s, i) => ({ name: `sim${i}`, baseUrl: s.url, server: 'llama.cpp', slots: s.options.slots }));
  let deltas = 0;
  const summary = await runBatch({
    questions,
    targets: [{ model: 'simulated.gguf', template: builtinTemplate('plain-chat'), endpoints, params: { max_tokens: tokens } }],
    sink: new JsonlGenerationSink(join(dir, `batch-${Date.now()}.jsonl`)),
    onEvent: (e) => {
      if (e.type === 'generation' && e.event.type === 'delta') deltas++;
    },
  });
  if (deltas === 0) throw new Error('no deltas reached the batch listener');
  const produced = sims.reduce((n, s) => n + s.stats.tokens, 0) - before;
  return { tokS: (produced * 1000) / summary.wallMs, wallMs: summary.wallMs, complete: summary.complete };
}

async function scenario(c: Calibration, servers: number, dir: string): Promise<Record<string, unknown>> {
  const tokens = Math.round(c.tokensPerRequest);
  const options = { slots: c.slots, tokensPerSecondPerSlot: c.tokensPerSecondPerSlot, promptMs: c.promptMs, defaultTokens: tokens };
  const sims = await Promise.all(Array.from({ length: servers }, () => SimulatedServer.start(options)));
  try {
    const requests = c.slots * servers * ROUNDS;
    const bare = await Promise.all(sims.map((s) => bareLoop(s, requests / servers, c.slots, tokens)));
    const bareTokS = bare.reduce((n, b) => n + b.tokS, 0);
    const batch = await batchRun(sims, medqaQuestions(requests), tokens, dir);
    return {
      calibratedOn: c.source.split('/').pop(),
      servers,
      slotsPerServer: c.slots,
      requests,
      tokensPerRequest: tokens,
      perSlotTokS: +c.tokensPerSecondPerSlot.toFixed(1),
      promptMs: +c.promptMs.toFixed(1),
      recordedLlamaServerTokS: +(c.recordedAggregateTokS * servers).toFixed(1),
      capacityTokS: +(sims[0]!.capacityTokensPerSecond * servers).toFixed(1),
      serverOwnTokS: +bareTokS.toFixed(1),
      batchTokS: +batch.tokS.toFixed(1),
      batchOverServerOwn: +(batch.tokS / bareTokS).toFixed(4),
      withinFivePercent: batch.tokS >= 0.95 * bareTokS,
      batchWallMs: batch.wallMs,
      complete: batch.complete,
    };
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}

export default async function inferenceBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'medreview-bench-'));
  try {
    return {
      rounds: ROUNDS,
      np4: await scenario(calibrationFrom('bench_np4.jsonl'), 1, dir),
      np1: await scenario(calibrationFrom('bench_np1.jsonl'), 1, dir),
      np4TwoServers: await scenario(calibrationFrom('bench_np4.jsonl'), 2, dir),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
