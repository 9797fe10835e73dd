import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from '../../../server/inference';
import { ReplayServer } from '../../replay';
import { FEVER_ANSWER, FEVER_REASONING, recording, requestFor } from './requestFixtures';

/** Faults injected on top of the recordings: timing, slots, retries, disconnects, cancel. */
describe('inference client under faults', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await ReplayServer.start({ slots: 4 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('retries 503 "Loading model" with backoff, then completes', async () => {
    const { events, options } = recording();
    const r = await generate(requestFor(server.urlFor('llama,loadingTimes=3'), 'chat'), options);
    assert.equal(r.status, 'complete');
    assert.equal(r.attempts, 4);
    const retries = events.filter((e) => e.type === 'retrying');
    assert.deepEqual(
      retries.map((e) => (e.type === 'retrying' ? e.delayMs : 0)),
      [20, 40, 80],
    );
    assert.equal(server.requests.length, 4);
  });

  it('gives up on a server that stays loading, saying so', async () => {
    const r = await generate(requestFor(server.urlFor('llama,loadingTimes=10'), 'chat'), { retry: { maxAttempts: 3, initialDelayMs: 10 } });
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'loading');
    assert.match(r.error?.message ?? '', /Loading model.*gave up after 3 attempts/);
  });

  it('a connection closed before any answer is retried (a restarting server), then served', async () => {
    const { events, options } = recording();
    const r = await generate(requestFor(server.urlFor('llama,resetTimes=2'), 'chat'), options);
    assert.deepEqual([r.status, r.attempts], ['complete', 3]);
    assert.equal(events.filter((e) => e.type === 'retrying').length, 2);
    assert.deepEqual(
      server.requests.map((q) => q.outcome),
      ['server-cut', 'server-cut', 'finished'],
    );
  });

  it('a connection cut mid-stream keeps the partial text, marked incomplete', async () => {
    const r = await generate(requestFor(server.urlFor('chat_stream,disconnectAfterBytes=1500'), 'chat'));
    assert.equal(r.status, 'incomplete');
    assert.equal(r.error?.kind, 'disconnected');
    assert.ok(r.serverReasoning && r.serverReasoning.length > 0 && FEVER_REASONING.startsWith(r.serverReasoning));
    assert.equal(r.split.state, 'unclosed');
  });

  it('a cut after the finish reason but before [DONE] still counts as complete', async () => {
    // chat_stream.txt: 22 frames, the last being [DONE]; the finish reason and usage come before it.
    const r = await generate(requestFor(server.urlFor('chat_stream,disconnectAfterChunks=21'), 'chat'));
    assert.equal(r.status, 'complete');
    assert.equal(r.split.answer, FEVER_ANSWER);
  });

  it('":" pings keep a silent stream alive past the idle timeout', async () => {
    const r = await generate(requestFor(server.urlFor('chat_stream,silenceMs=900,pingIntervalMs=100'), 'chat'), { timeouts: { idleMs: 400 } });
    assert.equal(r.status, 'complete');
    assert.equal(r.split.answer, FEVER_ANSWER);
  });

  it('a stream that goes silent longer than the idle timeout is stalled: partial text kept', async () => {
    const r = await generate(requestFor(server.urlFor('chat_stream,stallAfterChunks=6'), 'chat'), { timeouts: { idleMs: 250 } });
    assert.equal(r.status, 'incomplete');
    assert.equal(r.error?.kind, 'stalled');
    assert.equal(r.serverReasoning, 'Patient with fever and cough');
    assert.equal(r.split.state, 'unclosed');
    const [record] = server.requests;
    assert.equal((await server.settled(record!)).outcome, 'client-closed');
  });

  it('a slow first byte is waited for (reported as waiting), not timed out by the connect or idle clocks', async () => {
    const { events, options } = recording({ timeouts: { connectMs: 200, idleMs: 200, waitingNoticeMs: 150 } });
    const r = await generate(requestFor(server.urlFor('chat_stream,firstByteDelayMs=700'), 'chat'), options);
    assert.equal(r.status, 'complete');
    const waiting = events.filter((e) => e.type === 'waiting');
    assert.ok(waiting.length >= 2, `waiting events: ${waiting.length}`);
    assert.ok(events.findIndex((e) => e.type === 'waiting') < events.findIndex((e) => e.type === 'streaming'));
  });

  it('queued behind busy slots: zero bytes for a while, "waiting", then the answer', async () => {
    server.setSlots(1);
    const first = generate(requestFor(server.urlFor('chat_stream,chunkDelayMs=40'), 'chat'));
    await server.waitForRequests(1);
    const { events, options } = recording({ timeouts: { idleMs: 300, waitingNoticeMs: 100 } });
    const second = await generate(requestFor(server.url, 'chat'), options);
    const firstResult = await first;
    assert.deepEqual([firstResult.status, second.status], ['complete', 'complete']);
    const [a, b] = server.requests;
    assert.ok(a?.endedAt !== undefined && b?.firstByteAt !== undefined && b.firstByteAt >= a.endedAt);
    assert.ok((b?.waitedForSlotMs ?? 0) > 300, 'queued longer than the idle timeout, without timing out');
    assert.ok(events.some((e) => e.type === 'waiting'));
  });

  it('cancel aborts the request: the server sees the connection close and frees the slot', async () => {
    server.setSlots(1);
    const abort = new AbortController();
    const running = generate(requestFor(server.urlFor('chat_stream,chunkDelayMs=50'), 'chat'), {
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'delta' && e.reasoning.split(' ').length >= 3) abort.abort();
      },
    });
    const r = await running;
    assert.equal(r.status, 'cancelled');
    assert.ok(r.serverReasoning?.startsWith('Patient with fever'));
    const record = await server.settled(server.requests[0]!);
    assert.equal(record.outcome, 'client-closed');
    assert.ok(record.framesSent < 22);
    const next = await generate(requestFor(server.url, 'chat'));
    assert.equal(next.status, 'complete');
  });

  it('cancel while queued (zero bytes received) closes the connection too', async () => {
    server.setSlots(1);
    const busy = generate(requestFor(server.urlFor('chat_stream,chunkDelayMs=30'), 'chat'));
    await server.waitForRequests(1);
    const abort = new AbortController();
    const queued = generate(requestFor(server.url, 'chat'), { signal: abort.signal });
    const [, record] = await server.waitForRequests(2);
    abort.abort();
    const r = await queued;
    assert.equal(r.status, 'cancelled');
    assert.equal((await server.settled(record!)).outcome, 'client-closed');
    assert.equal(record?.firstByteAt, undefined);
    assert.equal((await busy).status, 'complete');
  });

  it('cancel before the request starts sends nothing', async () => {
    const abort = new AbortController();
    abort.abort();
    const r = await generate(requestFor(server.url, 'chat'), { signal: abort.signal });
    assert.equal(r.status, 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.requests.length, 0);
  });

  it('a server that is not running: failed at once as unreachable, naming the URL', async () => {
    const closed = await ReplayServer.start();
    const url = closed.url;
    await closed.close();
    const r = await generate(requestFor(url, 'chat'));
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'unreachable');
    assert.match(r.error?.message ?? '', new RegExp(`Cannot reach replay at ${url.replace(/\./g, '\\.')}: connection refused`));
    assert.equal(r.attempts, 1, 'a refused connection is not retried');
  });
});

describe('inference client: what it sends and where', () => {
  it('sends the API key as a bearer token', async () => {
    const server = await ReplayServer.start();
    try {
      const req = requestFor(server.url, 'chat');
      await generate({ ...req, endpoint: { ...req.endpoint, apiKey: 'sk-local-test' } });
      assert.equal(server.requests[0]?.headers['authorization'], 'Bearer sk-local-test');
    } finally {
      await server.close();
    }
  });

  it('ignores HTTP_PROXY from the environment and does not follow redirects', async () => {
    const proxy = await ReplayServer.start();
    const saved = process.env['HTTP_PROXY'];
    const hits: string[] = [];
    const redirector = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(302, { Location: `${proxy.url}/v1/chat/completions` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      process.env['HTTP_PROXY'] = proxy.url;
      const port = (redirector.address() as AddressInfo).port;
      const r = await generate(requestFor(`http://127.0.0.1:${port}`, 'chat'));
      assert.equal(r.status, 'failed');
      assert.equal(r.error?.status, 302);
      assert.deepEqual(hits, ['/v1/chat/completions']);
      assert.equal(proxy.requests.length, 0, 'neither through the proxy nor to the redirect target');
    } finally {
      if (saved === undefined) delete process.env['HTTP_PROXY'];
      else process.env['HTTP_PROXY'] = saved;
      redirector.close();
      await proxy.close();
    }
  });

  it('refuses a completion-mode template on the chat API before sending anything', async () => {
    const server = await ReplayServer.start();
    try {
      const completion = requestFor(server.url, 'completions');
      await assert.rejects(generate({ ...completion, api: 'chat' }), /completion-mode template cannot be sent to the chat API/);
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });
});
