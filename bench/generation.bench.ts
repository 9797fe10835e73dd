/**
 * Generation inside the language server, on a simulated llama-server calibrated on the recorded
 * bench_np4.jsonl (4 slots, per-slot token rate and prompt time from llama-server's own timings):
 *
 * 1. A store-backed batch job (items claimed in SQLite, every answer committed with its item, progress read
 *    back from the store) against the server's own throughput at the same concurrency (a bare HTTP loop that
 *    only keeps every slot busy). Goal (issue 7): within 5%.
 * 2. One regenerate streamed to the panel from a fast server: how many progress messages reach the
 *    extension for how many tokens (throttled to ~30 per second).
 *
 *   npx tsx bench/run.ts generation        (BENCH_ROUNDS=N rounds per slot; default 4)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchJobs, LiveGenerations } from '../server/generation';
import { Project } from '../server/project/project';
import type { ServerSettings } from '../server/protocol';
import { sharedPath } from '../test/helpers/shared';
import { calibrationFrom, SimulatedServer } from '../test/replay';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);

function settings(url: string): ServerSettings {
  return {
    datasets: ['medqa.jsonl'],
    databasePath: '.medreview/review.sqlite',
    raterId: 'bench',
    rubricPath: '',
    blind: false,
    ratersPerQuestion: 1,
    rouge: { useStemmer: false, metrics: ['rouge1'] },
    thinkTagNames: ['think'],
    endpoints: [{ name: 'sim', preset: 'llama.cpp', url }],
    generation: { template: 'builtin:plain-chat', maxTokens: null, temperature: null, seed: null },
  };
}

/** A workspace holding the first `n` real MedQA questions. */
function workspaceWith(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'medreview-genbench-'));
  const rows = readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  writeFileSync(join(dir, 'medqa.jsonl'), rows.slice(0, n).join('\n') + '\n');
  return dir;
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

async function bareLoop(sim: SimulatedServer, requests: number, concurrency: number, tokens: number): Promise<number> {
  const before = sim.stats.tokens;
  const body = JSON.stringify({ model: 'simulated.gguf', messages: [{ role: 'user', content: 'x' }], stream: true, max_tokens: tokens });
  let left = requests;
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (left-- > 0) await postAndDrain(`${sim.url}/v1/chat/completions`, body);
  }));
  return ((sim.stats.tokens - before) * 1000) / (Date.now() - started);
}

async function openProject(dir: string, url: string): Promise<Project> {
  const project = new Project(settings(url), [dir], () => undefined, () => undefined);
  await project.reload();
  await project.ready();
  return project;
}

async function batchScenario(): Promise<Record<string, unknown>> {
  const c = calibrationFrom('bench_np4.jsonl');
  const tokens = Math.round(c.tokensPerRequest);
  const sim = await SimulatedServer.start({ slots: c.slots, tokensPerSecondPerSlot: c.tokensPerSecondPerSlot, promptMs: c.promptMs, defaultTokens: tokens });
  const requests = c.slots * ROUNDS;
  const dir = workspaceWith(requests);
  const project = await openProject(dir, sim.url);
  try {
    const serverOwnTokS = await bareLoop(sim, requests, c.slots, tokens);
    let progressMessages = 0;
    let finished: (() => void) | undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const jobs = new BatchJobs(() => project.ready(), [dir], { progress: () => void progressMessages++, done: () => finished?.() });
    const before = sim.stats.tokens;
    sim.stats.firstStartAt = undefined;
    const started = Date.now();
    const job = await jobs.start({ models: [{ model: 'simulated.gguf', endpoints: ['sim'] }], params: { max_tokens: tokens } });
    await done;
    const wallMs = Date.now() - started;
    // Before the first generation starts: the job is created, the server asked for its slots, items claimed.
    const setupMs = (sim.stats.firstStartAt ?? started) - started;
    // After the last one: its answer stored, unrun items released, the final status read.
    const teardownMs = started + wallMs - (sim.stats.lastEndAt ?? started + wallMs);
    const batchTokS = ((sim.stats.tokens - before) * 1000) / wallMs;
    const status = await (await project.ready()).store.jobStatus(job.jobId);
    return {
      calibratedOn: 'bench_np4.jsonl',
      slots: c.slots,
      questions: requests,
      tokensPerRequest: tokens,
      serverOwnTokS: +serverOwnTokS.toFixed(1),
      storeBackedBatchTokS: +batchTokS.toFixed(1),
      batchOverServerOwn: +(batchTokS / serverOwnTokS).toFixed(4),
      withinFivePercent: batchTokS >= 0.95 * serverOwnTokS,
      wallMs,
      setupMs,
      teardownMs,
      itemsDone: status.counts.done,
      progressMessages,
    };
  } finally {
    await project.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function streamScenario(): Promise<Record<string, unknown>> {
  const tokens = 600;
  const sim = await SimulatedServer.start({ slots: 1, tokensPerSecondPerSlot: 400, promptMs: 20, defaultTokens: tokens });
  const dir = workspaceWith(1);
  const project = await openProject(dir, sim.url);
  try {
    const p = await project.ready();
    const questionId = (await p.store.listQuestions({ limit: 1 })).rows[0]!.uid;
    let messages = 0;
    const gens = new LiveGenerations(() => project.ready(), [dir], { progress: () => void messages++, done: () => undefined });
    const started = Date.now();
    await gens.start({ questionId, model: 'simulated.gguf', params: { max_tokens: tokens } });
    await gens.idle();
    const streamMs = Date.now() - started;
    return {
      serverTokS: 400,
      tokens,
      streamMs,
      progressMessages: messages,
      messagesPerSecond: +((messages * 1000) / streamMs).toFixed(1),
      tokensPerMessage: +(tokens / messages).toFixed(1),
    };
  } finally {
    await project.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function generationBench(): Promise<Record<string, unknown>> {
  return { rounds: ROUNDS, batch: await batchScenario(), regenerateStream: await streamScenario() };
}
