import { strict as assert } from 'node:assert';
import type { Question } from '../../../server/dataset/model';
import { generationKey, MemoryGenerationSink, runBatch, type BatchEvent, type BatchTarget, type Endpoint } from '../../../server/inference';
import { builtinTemplate } from '../../../server/templates';
import { ReplayServer, type RequestRecord } from '../../replay';

function questions(n: number): Question[] {
  return Array.from({ length: n }, (_, i) => ({ id: `q${i + 1}`, text: `Question ${i + 1}: fever and cough?`, kind: 'open' as const, source: { file: 'batch', line: i + 1 } }));
}

function endpoint(server: ReplayServer, spec: string, slots: number, name = 'replay'): Endpoint {
  return { name, baseUrl: server.urlFor(spec), server: 'llama.cpp', slots };
}

/** Most requests the server had open at once (queued ones included), from its own log. */
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

describe('batch generation', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await ReplayServer.start({ slots: 8 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('runs every question x template, never more at once than the endpoint has slots, and using them all', async () => {
    const ep = endpoint(server, 'llama,chunkDelayMs=5', 3);
    const targets: BatchTarget[] = [
      { model: 'model.gguf', template: builtinTemplate('plain-chat'), endpoints: [ep] },
      { model: 'model.gguf', template: builtinTemplate('medical-cot'), endpoints: [ep], params: { max_tokens: 32 } },
    ];
    const sink = new MemoryGenerationSink();
    const summary = await runBatch({ questions: questions(7), targets, sink });
    assert.deepEqual([summary.total, summary.complete, summary.failed, summary.notRun], [14, 14, 0, 0]);
    assert.equal(server.requests.length, 14);
    assert.equal(peakConcurrency(server.requests), 3);
    assert.deepEqual(new Set(server.requests.map((r) => r.path)), new Set(['/v1/chat/completions', '/v1/completions']));
    const cot = sink.results.find((r) => r.template?.id === 'medical-cot');
    assert.deepEqual(cot?.params, { temperature: 0.6, top_p: 0.95, max_tokens: 32, stop: ['### Question:'] });
    assert.equal(summary.completionTokens, 7 * 22 + 7 * 21);
  });

  it('resumes: what the sink says is done is skipped', async () => {
    const chat = builtinTemplate('plain-chat');
    const done = new Set([generationKey('q1', 'model.gguf', chat.hash), generationKey('q3', 'model.gguf', chat.hash)]);
    const events: BatchEvent[] = [];
    const summary = await runBatch({
      questions: questions(4),
      targets: [{ model: 'model.gguf', template: chat, endpoints: [endpoint(server, 'llama', 2)] }],
      sink: new MemoryGenerationSink(done),
      onEvent: (e) => events.push(e),
    });
    assert.deepEqual([summary.total, summary.skipped, summary.complete], [2, 2, 2]);
    assert.deepEqual(events[0], { type: 'planned', total: 2, skipped: 2 });
    assert.deepEqual(
      events.filter((e) => e.type === 'started').map((e) => (e.type === 'started' ? e.questionId : '')),
      ['q2', 'q4'],
    );
  });

  it('spreads one model over several endpoints, each at its own slot count', async () => {
    const other = await ReplayServer.start({ slots: 8 });
    try {
      const a = endpoint(server, 'llama,chunkDelayMs=10', 1, 'a');
      const b = endpoint(other, 'llama,chunkDelayMs=10', 3, 'b');
      const summary = await runBatch({ questions: questions(12), targets: [{ model: 'model.gguf', template: builtinTemplate('plain-chat'), endpoints: [a, b] }], sink: new MemoryGenerationSink() });
      assert.equal(summary.complete, 12);
      assert.equal(server.requests.length + other.requests.length, 12);
      assert.equal(peakConcurrency(server.requests), 1);
      assert.equal(peakConcurrency(other.requests), 3);
      assert.ok(other.requests.length > server.requests.length, `b (3 slots) took ${other.requests.length}, a (1 slot) ${server.requests.length}`);
    } finally {
      await other.close();
    }
  });

  it('an unreachable endpoint hands its work to the model\'s other endpoint', async () => {
    const dead = await ReplayServer.start();
    const deadUrl = dead.url;
    await dead.close();
    const events: BatchEvent[] = [];
    const summary = await runBatch({
      questions: questions(5),
      targets: [{ model: 'model.gguf', template: builtinTemplate('plain-chat'), endpoints: [{ name: 'dead', baseUrl: deadUrl, server: 'llama.cpp', slots: 2 }, endpoint(server, 'llama', 1)] }],
      sink: new MemoryGenerationSink(),
      onEvent: (e) => events.push(e),
    });
    assert.deepEqual([summary.complete, summary.notRun], [5, 0]);
    assert.equal(server.requests.length, 5);
    assert.equal(summary.unreachable.length, 1);
    assert.ok(events.some((e) => e.type === 'endpoint-down' && e.endpoint === 'dead'));
  });

  it('with every endpoint down, nothing is saved and all the work is reported not run', async () => {
    const dead = await ReplayServer.start();
    const deadUrl = dead.url;
    await dead.close();
    const sink = new MemoryGenerationSink();
    const summary = await runBatch({ questions: questions(4), targets: [{ model: 'm', template: builtinTemplate('plain-chat'), endpoints: [{ name: 'dead', baseUrl: deadUrl, server: 'llama.cpp', slots: 2 }] }], sink });
    assert.deepEqual([summary.complete, summary.failed, summary.notRun], [0, 0, 4]);
    assert.match(summary.unreachable[0]?.message ?? '', /connection refused/);
    assert.equal(sink.results.length, 0);
  });

  it('cancel: running generations end cancelled with their partial text saved, the rest is not run', async () => {
    const abort = new AbortController();
    const sink = new MemoryGenerationSink();
    const summary = await runBatch({
      questions: questions(6),
      targets: [{ model: 'model.gguf', template: builtinTemplate('plain-chat'), endpoints: [endpoint(server, 'llama,chunkDelayMs=30', 2)] }],
      sink,
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'generation' && e.event.type === 'delta' && e.event.reasoning.length > 10) abort.abort();
      },
    });
    assert.deepEqual([summary.cancelled, summary.complete, summary.notRun], [2, 0, 4]);
    assert.ok(sink.results.every((r) => r.status === 'cancelled' && (r.serverReasoning ?? '').length > 0));
    for (const r of server.requests) assert.equal((await server.settled(r)).outcome, 'client-closed');
  });

  it('refuses a template whose mode does not fit the chosen API, before any request', async () => {
    await assert.rejects(
      runBatch({ questions: questions(1), targets: [{ model: 'm', template: builtinTemplate('medical-cot'), api: 'chat', endpoints: [endpoint(server, 'llama', 1)] }], sink: new MemoryGenerationSink() }),
      /template 'medical-cot' is in completion mode but the chat API was chosen/,
    );
    assert.equal(server.requests.length, 0);
  });
});
