import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchJobs } from '../../../server/generation';
import type { EndpointSetting } from '../../../server/protocol';
import type { JobItem } from '../../../server/store';
import { repoRoot } from '../../helpers/shared';
import { ReplayServer, type RequestRecord } from '../../replay';
import { openSampleProject } from '../project/projectHarness';
import { sampleProjectWith, SentMessages } from './generationHarness';

type Harness = Awaited<ReturnType<typeof sampleProjectWith>>;

/** Most requests the server had open at once, from its own log. */
function peakConcurrency(records: RequestRecord[]): number {
  const edges = records.flatMap((r) => [
    { t: r.receivedAt, d: 1 },
    { t: r.endedAt ?? Infinity, d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let open = 0;
  let peak = 0;
  for (const e of edges) peak = Math.max(peak, (open += e.d));
  return peak;
}

function generationRequests(server: ReplayServer): RequestRecord[] {
  return server.requests.filter((r) => r.method === 'POST');
}

/** The prompt of a recorded request (chat or completion). */
function promptOf(r: RequestRecord): string {
  return JSON.stringify(r.json);
}

describe('batch generation jobs (store-backed, resumable)', () => {
  let server: ReplayServer;
  let h: Harness | undefined;
  beforeEach(async () => {
    server = await ReplayServer.start({ slots: 8 });
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await server.close();
  });

  async function open(spec: string, slots: number, extra: EndpointSetting[] = []): Promise<{ h: Harness; jobs: BatchJobs; messages: SentMessages }> {
    h = await sampleProjectWith([{ name: 'replay', preset: 'llama.cpp', url: server.urlFor(spec), slots }, ...extra]);
    const messages = new SentMessages();
    const project = h.project;
    return { h, jobs: new BatchJobs(() => project.ready(), [h.workspace], messages, { progressIntervalMs: 0, retry: { maxAttempts: 1 } }), messages };
  }

  async function textsOf(harness: Harness, items: readonly JobItem[]): Promise<string[]> {
    const p = await harness.project.ready();
    return Promise.all(items.map(async (i) => (await p.store.getQuestion(i.questionUid)).question.text));
  }

  it('generates every question x template at the endpoint slot count, storing each answer with its item done', async () => {
    const { h, jobs, messages } = await open('llama,chunkDelayMs=3', 2);
    const started = await jobs.start({ models: [{ model: 'model.gguf', endpoints: ['replay'] }], templates: ['builtin:medical-cot', 'builtin:plain-chat'] });
    assert.deepEqual([started.total, started.done, started.remaining], [20, 0, 20]);
    await jobs.idle();
    const [done] = messages.batchDone(started.jobId);
    assert.deepEqual([done?.state, done?.done, done?.failed, done?.remaining, done?.problems], ['done', 20, 0, 0, []]);
    const requests = generationRequests(server);
    assert.equal(requests.length, 20);
    assert.equal(peakConcurrency(requests), 2);
    const p = await h.project.ready();
    const items = await p.store.jobItems(started.jobId);
    assert.ok(items.every((i) => i.state === 'done' && i.answerUid));
    const answers = await p.store.getAnswers(items.map((i) => i.answerUid!));
    assert.equal(answers.length, 20);
    assert.deepEqual(new Set(answers.map((a) => a.generation?.templateName)), new Set(['builtin:medical-cot', 'builtin:plain-chat']));
    assert.ok(answers.every((a, i) => a.generation?.templateHash === items[i]!.templateHash && a.questionUid === items[i]!.questionUid));
    const progress = messages.all.flatMap((m) => (m.kind === 'batch-progress' ? [m.p.done] : []));
    assert.ok(progress.length > 0 && progress.every((n, i) => i === 0 || n >= progress[i - 1]!), 'progress counts only go up');
    assert.equal((await jobs.list()).find((j) => j.jobId === started.jobId)?.resumable, false);
  });

  it('cancelled mid-way and resumed, it generates only what was not done', async () => {
    const { h, jobs, messages } = await open('llama,chunkDelayMs=25', 2);
    const started = await jobs.start({ models: [{ model: 'model.gguf', endpoints: ['replay'] }] });
    await messages.until(() => messages.all.some((m) => m.kind === 'batch-progress' && m.p.done >= 3));
    assert.equal(jobs.cancel(started.jobId), true);
    await jobs.idle();
    const [cancelled] = messages.batchDone(started.jobId);
    assert.equal(cancelled?.state, 'cancelled');
    assert.ok(cancelled.done >= 3 && cancelled.remaining > 0 && cancelled.done + cancelled.remaining === 10, JSON.stringify(cancelled));
    const aborted = generationRequests(server).filter((r) => r.outcome === 'client-closed');
    assert.ok(aborted.length >= 1, 'the requests running at cancel were aborted');

    const p = await h.project.ready();
    const doneFirst = (await p.store.jobItems(started.jobId)).filter((i) => i.state === 'done');
    const listed = (await jobs.list()).find((j) => j.jobId === started.jobId);
    assert.deepEqual([listed?.state, listed?.resumable, listed?.remaining], ['cancelled', true, cancelled.remaining]);
    const firstRun = generationRequests(server).length;

    const resumed = await jobs.resume({ jobId: started.jobId });
    assert.equal(resumed.done, doneFirst.length);
    await jobs.idle();
    const finished = messages.batchDone(started.jobId)[1];
    assert.deepEqual([finished?.state, finished?.done, finished?.remaining], ['done', 10, 0]);
    const secondRun = generationRequests(server).slice(firstRun);
    assert.equal(secondRun.length, cancelled.remaining);
    for (const text of await textsOf(h, doneFirst)) assert.ok(!secondRun.some((r) => promptOf(r).includes(JSON.stringify(text).slice(1, -1))), `"${text.slice(0, 40)}" was generated again`);
    const after = await p.store.jobItems(started.jobId);
    for (const item of doneFirst) assert.equal(after.find((i) => i.id === item.id)?.answerUid, item.answerUid, 'a done item keeps its answer');
  });

  it('a server shutdown mid-job puts the running items back and leaves the job active, to be offered at the next start', async () => {
    const { h, jobs, messages } = await open('llama,chunkDelayMs=25', 2);
    const started = await jobs.start({ models: [{ model: 'model.gguf', endpoints: ['replay'] }] });
    await messages.until(() => messages.all.some((m) => m.kind === 'batch-progress' && m.p.done >= 2));
    await jobs.stopAll();
    const [stopped] = messages.batchDone(started.jobId);
    assert.equal(stopped?.state, 'active');
    const items = await (await h.project.ready()).store.jobItems(started.jobId);
    assert.equal(items.filter((i) => i.state === 'running').length, 0, 'no claim is left behind');
    assert.equal(items.filter((i) => i.state === 'pending').length, stopped.remaining);
    assert.ok(stopped.done >= 2 && stopped.remaining > 0);
    const listed = (await jobs.list()).find((j) => j.jobId === started.jobId);
    assert.deepEqual([listed?.state, listed?.resumable, listed?.running], ['active', true, false]);
  });

  it('after a crash (the process killed mid-job), the next run takes over its claims and redoes no done item', async function () {
    this.timeout(60_000);
    const workspace = mkdtempSync(join(tmpdir(), 'medreview-crash-'));
    cpSync(join(repoRoot, 'media', 'sample-workspace'), workspace, { recursive: true });
    const url = server.urlFor('llama,chunkDelayMs=20');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'jobChild.ts'), workspace, url], { cwd: repoRoot });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const stored = [...out.matchAll(/^stored (\d+)$/gm)].map((m) => Number(m[1]));
        if (stored.some((n) => n >= 3)) resolve();
      });
      void exited.then(() => reject(new Error(`the job process ended before storing 3 answers: ${err}`)));
    });
    child.kill('SIGKILL');
    await exited;
    const jobId = /^job (\S+)$/m.exec(out)?.[1];
    assert.ok(jobId, out);
    const childRequests = generationRequests(server).length;

    h = await openSampleProject({ endpoints: [{ name: 'replay', preset: 'llama.cpp', url, slots: 2 }] }, workspace);
    const project = h.project;
    const messages = new SentMessages();
    const jobs = new BatchJobs(() => project.ready(), [workspace], messages, { progressIntervalMs: 0 });
    const p = await project.ready();
    const before = await p.store.jobItems(jobId);
    const doneBefore = before.filter((i) => i.state === 'done');
    assert.ok(doneBefore.length >= 3 && before.some((i) => i.state === 'running'), 'the killed process left done items and claimed ones');
    const listed = (await jobs.list()).find((j) => j.jobId === jobId);
    assert.deepEqual([listed?.state, listed?.resumable], ['active', true]);

    await jobs.resume({ jobId });
    await jobs.idle();
    const [done] = messages.batchDone(jobId);
    assert.deepEqual([done?.state, done?.done, done?.remaining], ['done', 10, 0]);
    const rerun = generationRequests(server).slice(childRequests);
    assert.equal(rerun.length, 10 - doneBefore.length);
    for (const text of await textsOf(h, doneBefore)) assert.ok(!rerun.some((r) => promptOf(r).includes(JSON.stringify(text).slice(1, -1))), `"${text.slice(0, 40)}" was generated again`);
  });

  it('with its only endpoint down, the run ends saying so and every item stays to do', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { jobs, messages } = await open('llama', 1, [{ name: 'down', preset: 'llama.cpp', url: `http://127.0.0.1:${port}` }]);
    const started = await jobs.start({ models: [{ model: 'model.gguf', endpoints: ['down'] }], templates: ['builtin:plain-chat'] });
    await jobs.idle();
    const [done] = messages.batchDone(started.jobId);
    assert.deepEqual([done?.state, done?.done, done?.remaining], ['active', 0, 10]);
    assert.ok(done?.problems.some((m) => /Cannot reach down at http:\/\/127\.0\.0\.1:\d+: connection refused/.test(m)), done?.problems.join('\n'));
    assert.ok(done?.problems.some((m) => /no reachable endpoint serves model\.gguf/.test(m)));
    assert.equal((await jobs.list()).find((j) => j.jobId === started.jobId)?.resumable, true);
  });

  it('refuses a job that cannot run before creating it', async () => {
    const { h, jobs } = await open('llama', 1, [
      { name: 'chat-only', preset: 'llama.cpp', url: server.url, api: 'chat' },
      { name: 'native', preset: 'llama.cpp', url: server.url, api: 'native' },
    ]);
    await assert.rejects(jobs.start({ models: [] }), /models: choose at least one model/);
    await assert.rejects(jobs.start({ models: [{ model: 'm', endpoints: ['nope'] }] }), /no endpoint named 'nope'/);
    await assert.rejects(jobs.start({ models: [{ model: 'm', endpoints: ['replay', 'native'] }], templates: ['builtin:medical-cot'] }), /serving m \(replay, native\) are set to different APIs \(completions, native\)/);
    await assert.rejects(jobs.start({ models: [{ model: 'm', endpoints: ['chat-only'] }], templates: ['builtin:medical-cot'] }), /template 'medical-cot' is in completion mode but endpoint 'chat-only' is set to the chat API/);
    await assert.rejects(jobs.start({ models: [{ model: 'm', endpoints: ['replay'] }], questionIds: ['no-such-question'] }), /question/);
    assert.deepEqual(await (await h.project.ready()).store.jobs(), []);
    assert.equal(generationRequests(server).length, 0);
  });
});
