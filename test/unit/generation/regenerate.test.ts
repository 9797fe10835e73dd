import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { GenerationParamsError, LiveGenerations, TemplateRefError } from '../../../server/generation';
import type { EndpointSetting } from '../../../server/protocol';
import { StoreNotFoundError } from '../../../server/store';
import { ReplayServer } from '../../replay';
import { FEVER_ANSWER, FEVER_REASONING } from '../inference/requestFixtures';
import { sampleProjectWith, SentMessages, shownText } from './generationHarness';

type Harness = Awaited<ReturnType<typeof sampleProjectWith>>;

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('regenerating an answer (language server core, real HTTP to the replay server)', () => {
  let server: ReplayServer;
  let h: Harness | undefined;
  const sent = (): SentMessages => new SentMessages();

  beforeEach(async () => {
    server = await ReplayServer.start({ slots: 4 });
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await server.close();
  });

  async function open(spec: string, extra: EndpointSetting[] = [], generation = {}, throttleMs?: number): Promise<{ h: Harness; gens: LiveGenerations; messages: SentMessages }> {
    h = await sampleProjectWith([{ name: 'replay', preset: 'llama.cpp', url: server.urlFor(spec) }, ...extra], generation);
    const messages = sent();
    const project = h.project;
    const gens = new LiveGenerations(() => project.ready(), [h.workspace], messages, { retry: { initialDelayMs: 10, maxDelayMs: 50 }, throttleMs });
    return { h, gens, messages };
  }

  async function firstAnswer(harness: Harness, model: string): Promise<{ answerId: string; questionId: string; text: string }> {
    const p = await harness.project.ready();
    for (const row of (await p.store.listQuestions({ limit: 100 })).rows) {
      const detail = await p.store.getQuestion(row.uid);
      const a = detail.answers.find((x) => x.model === model);
      if (a) return { answerId: a.uid, questionId: row.uid, text: detail.question.text };
    }
    throw new Error(`no answer of ${model} in the sample`);
  }

  it('streams the regenerated answer as throttled progress, then stores it with its provenance before done', async () => {
    const { h, gens, messages } = await open('llama,chunkDelayMs=2', [], { maxTokens: 200, seed: 5 });
    const target = await firstAnswer(h, 'demo/llama3-med-8b');
    const start = await gens.start({ answerId: target.answerId, endpoint: 'replay' });
    assert.deepEqual([start.questionId, start.regenerates, start.model, start.template.id, start.template.mode], [target.questionId, target.answerId, 'demo/llama3-med-8b', 'medical-cot', 'completion']);
    await gens.idle();

    const progress = messages.progressOf(start.generationId);
    const done = messages.doneOf(start.generationId);
    assert.ok(done && progress.length > 0);
    assert.equal(messages.all.at(-1)?.kind, 'done', 'nothing is sent after done');
    assert.deepEqual(
      progress.map((p) => p.seq),
      progress.map((_, i) => i + 1),
    );
    assert.ok(progress.every((p) => p.regenerates === target.answerId && p.questionId === target.questionId && p.model === 'demo/llama3-med-8b'));
    assert.deepEqual(shownText(progress), { reasoning: FEVER_REASONING, answer: `\n\n${FEVER_ANSWER}` });
    assert.deepEqual([done.status, done.finishReason, done.state, done.newAnswer], ['complete', 'stop', 'complete', true]);

    // What went over the wire: the question's text in the chain-of-thought prompt, the layered parameters.
    const body = server.requests.find((r) => r.path === '/v1/completions')?.json as Record<string, unknown>;
    assert.equal(body['model'], 'demo/llama3-med-8b');
    assert.ok(String(body['prompt']).includes(target.text) && String(body['prompt']).endsWith('### Response:\n<think>'));
    assert.deepEqual([body['max_tokens'], body['seed'], body['temperature'], body['stop']], [200, 5, 0.6, ['### Question:']]);

    const p = await h.project.ready();
    const [stored] = await p.store.getAnswers([done.answerId!]);
    assert.ok(stored);
    assert.deepEqual([stored.origin, stored.questionUid, stored.model, stored.split.reasoning, stored.split.answer], ['generation', target.questionId, 'demo/llama3-med-8b', FEVER_REASONING, FEVER_ANSWER]);
    assert.deepEqual(stored.params, { temperature: 0.6, top_p: 0.95, max_tokens: 200, seed: 5, stop: ['### Question:'] });
    assert.equal(stored.finishReason, 'stop');
    assert.equal(stored.generation?.templateHash, start.template.hash);
    assert.equal(stored.generation?.templateName, 'builtin:medical-cot');
    assert.equal(stored.generation?.modelId, 'model.gguf');
    assert.match(stored.generation?.endpoint ?? '', /^replay \(http:\/\/127\.0\.0\.1:\d+\/s\/llama,chunkDelayMs=2, completions API\)$/);
    assert.deepEqual(stored.generation?.usage, done.usage);
    assert.equal(stored.generation?.usage?.['completionTokens'], 21);
    assert.ok(!stored.generation?.incomplete);
    assert.equal(stored.timings?.['attempts'], 1);
    assert.equal(typeof stored.timings?.totalMs, 'number');
    assert.equal(typeof stored.timings?.predictedTokensPerSecond, 'number');
    const detail = await p.store.getQuestion(target.questionId);
    assert.ok(detail.answers.some((a) => a.uid === target.answerId), 'the regenerated answer stays');
  });

  it('coalesces what arrives within the interval into one message, which still adds up to the whole text', async () => {
    // An interval longer than the stream: the first event goes out at once, everything after it in the final flush.
    const { h, gens, messages } = await open('chat_stream', [], {}, 60_000);
    const target = await firstAnswer(h, 'demo/mistral-med-7b');
    const start = await gens.start({ answerId: target.answerId, template: 'builtin:plain-chat' });
    await gens.idle();
    const progress = messages.progressOf(start.generationId);
    const frames = server.requests.find((r) => r.path === '/v1/chat/completions')?.framesSent ?? 0;
    assert.ok(frames > 10, `the recording streams ${frames} frames`);
    assert.equal(progress.length, 2, `${progress.length} progress messages for ${frames} frames`);
    const done = messages.doneOf(start.generationId);
    const [stored] = await (await h.project.ready()).store.getAnswers([done!.answerId!]);
    const shown = shownText(progress);
    assert.ok(stored!.split.reasoning.length > 0 && stored!.split.answer.length > 0);
    assert.equal(shown.reasoning.trim(), stored!.split.reasoning);
    assert.equal(shown.answer.trim(), stored!.split.answer);
  });

  it('keeps at least the throttle interval between messages of a slow stream (the final flush aside)', async () => {
    const { h, gens, messages } = await open('llama,chunkDelayMs=8');
    const target = await firstAnswer(h, 'demo/llama3-med-8b');
    const start = await gens.start({ answerId: target.answerId });
    await gens.idle();
    const times = messages.all.flatMap((m) => (m.kind === 'progress' && m.p.generationId === start.generationId ? [m.at] : []));
    assert.ok(times.length >= 3, `${times.length} messages`);
    // Timers never fire early by more than the clock's 1 ms resolution.
    for (let i = 1; i < times.length - 1; i++) assert.ok(times[i]! - times[i - 1]! >= 32, `messages ${i - 1} and ${i} were ${times[i]! - times[i - 1]!} ms apart`);
  });

  it('cancel aborts the HTTP request (the server sees the client leave) and stores the partial text, marked incomplete', async () => {
    const { h, gens, messages } = await open('llama,chunkDelayMs=60');
    const target = await firstAnswer(h, 'demo/llama3-med-8b');
    const start = await gens.start({ answerId: target.answerId });
    await messages.until(() => shownText(messages.progressOf(start.generationId)).reasoning.length > 0);
    assert.equal(gens.cancel(start.generationId), true);
    await gens.idle();
    const done = messages.doneOf(start.generationId);
    assert.equal(done?.status, 'cancelled');
    const request = server.requests.find((r) => r.path === '/v1/completions')!;
    assert.equal((await server.settled(request)).outcome, 'client-closed');
    const [stored] = await (await h.project.ready()).store.getAnswers([done.answerId!]);
    assert.ok(stored?.generation?.incomplete, 'marked incomplete');
    assert.ok(stored.raw.length > 0 && FEVER_REASONING.startsWith(stored.raw), `partial text: ${stored.raw}`);
    assert.equal(gens.cancel(start.generationId), false, 'an ended generation cannot be cancelled');
  });

  it('a connection cut mid-stream ends incomplete, with the partial text stored and marked', async () => {
    const { h, gens, messages } = await open('llama,disconnectAfterChunks=6');
    const target = await firstAnswer(h, 'demo/llama3-med-8b');
    const start = await gens.start({ answerId: target.answerId });
    await gens.idle();
    const done = messages.doneOf(start.generationId)!;
    assert.deepEqual([done.status, done.error?.kind], ['incomplete', 'disconnected']);
    const [stored] = await (await h.project.ready()).store.getAnswers([done.answerId!]);
    assert.equal(stored?.generation?.incomplete, true);
  });

  it('an unreachable server ends in a failed done with a clear message, and nothing is stored', async () => {
    const port = await closedPort();
    const { h, gens, messages } = await open('llama', [{ name: 'down', preset: 'llama.cpp', url: `http://127.0.0.1:${port}` }]);
    const before = (await (await h.project.ready()).store.counts()).answers;
    const target = await firstAnswer(h, 'demo/llama3-med-8b');
    const start = await gens.start({ answerId: target.answerId, endpoint: 'down' });
    await gens.idle();
    const done = messages.doneOf(start.generationId)!;
    assert.deepEqual([done.status, done.error?.kind, done.answerId], ['failed', 'unreachable', undefined]);
    assert.match(done.error?.message ?? '', new RegExp(`Cannot reach down at http://127\\.0\\.0\\.1:${port}: connection refused`));
    assert.equal((await (await h.project.ready()).store.counts()).answers, before);
  });

  it('asks the server for its model when neither the request, the answer nor the endpoint names one', async () => {
    const { h, gens, messages } = await open('llama');
    const p = await h.project.ready();
    const questionId = (await p.store.listQuestions({ limit: 1 })).rows[0]!.uid;
    const start = await gens.start({ questionId });
    assert.equal(start.model, undefined);
    await gens.idle();
    assert.equal(messages.doneOf(start.generationId)?.model, 'model.gguf');
    assert.ok(server.requests.some((r) => r.path === '/v1/models'));
  });

  it('refuses what cannot run before anything is sent, saying why', async () => {
    const { h, gens } = await open('llama', [{ name: 'chat-only', preset: 'llama.cpp', url: server.url, api: 'chat' }]);
    const target = await firstAnswer(h, 'demo/llama3-med-8b');
    await assert.rejects(gens.start({ answerId: 'no-such-answer' }), StoreNotFoundError);
    await assert.rejects(gens.start({}), (e: Error) => e instanceof GenerationParamsError && /answerId or questionId is required/.test(e.message));
    await assert.rejects(gens.start({ answerId: target.answerId, endpoint: 'gone' }), /no endpoint named 'gone' in medreview\.endpoints \(configured: replay, chat-only\)/);
    await assert.rejects(gens.start({ answerId: target.answerId, endpoint: 'chat-only' }), /template 'medical-cot' is in completion mode but endpoint 'chat-only' is set to the chat API/);
    await assert.rejects(gens.start({ answerId: target.answerId, template: 'missing.prompt.md' }), TemplateRefError);
    await assert.rejects(gens.start({ answerId: target.answerId, params: { max_tokens: -1 } }), /params\.max_tokens/);
    assert.equal(server.requests.length, 0);
  });

  it('gives a reloaded panel the text so far of a running generation, up to the progress it was sent', async () => {
    const { h, gens, messages } = await open('llama,chunkDelayMs=40');
    const target = await firstAnswer(h, 'demo/llama3-med-8b');
    const start = await gens.start({ answerId: target.answerId });
    await messages.until(() => messages.progressOf(start.generationId).length >= 3);
    const [snap] = gens.snapshots();
    assert.equal(snap?.generationId, start.generationId);
    const upTo = messages.progressOf(start.generationId).filter((p) => p.seq <= snap.seq);
    assert.deepEqual({ reasoning: snap.reasoning, answer: snap.answer }, shownText(upTo));
    await gens.stopAll();
    assert.deepEqual(gens.snapshots(), []);
    assert.equal(messages.doneOf(start.generationId)?.status, 'cancelled');
  });
});
