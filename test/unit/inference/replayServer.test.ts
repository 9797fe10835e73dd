import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { repoRoot } from '../../helpers/shared';
import { llamaFixturePath, ownFixturePath, ReplayServer, sseFrames } from '../../replay';

/** A raw HTTP exchange with no client library in between, so the bytes on the wire are what is asserted. */
interface RawReply {
  status?: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The response ended cleanly (false: the connection was cut mid-body). */
  complete: boolean;
  firstByteAfterMs?: number;
}

function rawRequest(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawReply> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body === undefined ? 'GET' : 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      const parts: Buffer[] = [];
      const reply: RawReply = { status: res.statusCode, headers: res.headers, body: Buffer.alloc(0), complete: false, firstByteAfterMs: Date.now() - started };
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve({ ...reply, body: Buffer.concat(parts), complete: true }));
      res.on('error', () => resolve({ ...reply, body: Buffer.concat(parts), complete: false }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('replay server', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await ReplayServer.start({ slots: 4 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('serves the recorded chat stream byte for byte as text/event-stream, chosen by the request', async () => {
    const reply = await rawRequest(`${server.url}/v1/chat/completions`, { stream: true, stream_options: { include_usage: true }, messages: [] });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'text/event-stream');
    assert.ok(reply.body.equals(readFileSync(llamaFixturePath('chat_stream.txt'))));
    const noUsage = await rawRequest(`${server.url}/v1/chat/completions`, { stream: true, messages: [] });
    assert.ok(noUsage.body.equals(readFileSync(llamaFixturePath('chat_stream_no_usage.txt'))));
  });

  it('serves the recorded non-streamed chat body without its recorded headers, with a correct length', async () => {
    const reply = await rawRequest(`${server.url}/v1/chat/completions`, { messages: [] });
    const recorded = readFileSync(llamaFixturePath('chat_nonstream.txt'));
    const body = recorded.subarray(recorded.indexOf('\r\n\r\n') + 4);
    assert.ok(reply.body.equals(body));
    assert.equal(Number(reply.headers['content-length']), body.length);
  });

  it('picks the scenario from a path prefix or a header, overriding the default', async () => {
    const byPath = await rawRequest(`${server.urlFor('vllm')}/v1/chat/completions`, { stream: true });
    assert.ok(byPath.body.equals(readFileSync(ownFixturePath('vllm/chat_stream_both.txt'))));
    const byHeader = await rawRequest(`${server.url}/v1/chat/completions`, { stream: true }, { 'x-replay-scenario': 'ollama' });
    assert.ok(byHeader.body.equals(readFileSync(ownFixturePath('ollama/chat_stream_reasoning.txt'))));
    assert.deepEqual(
      server.requests.map((r) => [r.path, r.scenario]),
      [
        ['/v1/chat/completions', 'vllm'],
        ['/v1/chat/completions', 'ollama'],
      ],
    );
  });

  it('records each request body as received and its outcome', async () => {
    await rawRequest(`${server.url}/v1/completions`, { prompt: 'P', stream: true, seed: 7 });
    const [record] = server.requests;
    assert.equal(record?.body, '{"prompt":"P","stream":true,"seed":7}');
    assert.deepEqual(record?.json, { prompt: 'P', stream: true, seed: 7 });
    assert.equal(record?.outcome, 'finished');
    assert.equal(record?.framesSent, sseFrames(readFileSync(llamaFixturePath('v1_completions_stream.txt'))).length);
  });

  it('answers 503 "Loading model" N times per scenario, then the recording', async () => {
    const url = `${server.urlFor('chat_stream,loadingTimes=2')}/v1/chat/completions`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await rawRequest(url, { stream: true })).status);
    assert.deepEqual(statuses, [503, 503, 200]);
    const first = await rawRequest(`${server.urlFor('chat_stream,loadingTimes=1')}/health`);
    assert.equal(first.status, 503);
    assert.match(first.body.toString(), /"Loading model"/);
  });

  it('cuts the connection after N frames or bytes, leaving the transfer incomplete', async () => {
    const frames = sseFrames(readFileSync(llamaFixturePath('chat_stream.txt')));
    const byFrames = await rawRequest(`${server.urlFor('chat_stream,disconnectAfterChunks=3')}/v1/chat/completions`, { stream: true });
    assert.equal(byFrames.complete, false);
    assert.ok(byFrames.body.equals(Buffer.concat(frames.slice(0, 3))));
    const byBytes = await rawRequest(`${server.urlFor('chat_stream,disconnectAfterBytes=400')}/v1/chat/completions`, { stream: true });
    assert.equal(byBytes.complete, false);
    assert.equal(byBytes.body.length, 400);
    assert.equal(server.requests.at(-1)?.outcome, 'server-cut');
  });

  it('injects an in-stream error: llama.cpp style ends there, vLLM style adds [DONE]', async () => {
    const llama = (await rawRequest(`${server.urlFor('chat_stream,errorAfterChunks=2')}/v1/chat/completions`, { stream: true })).body.toString();
    const frames = llama.split('\n\n').filter(Boolean);
    assert.equal(frames.length, 3);
    assert.match(frames[2] ?? '', /^data: \{"error":\{/);
    const vllm = (await rawRequest(`${server.urlFor('vllm,errorAfterChunks=2,doneAfterError=true')}/v1/chat/completions`, { stream: true })).body.toString();
    assert.ok(vllm.endsWith('data: [DONE]\n\n'));
  });

  it('answers a streaming request with a named JSON error', async () => {
    const reply = await rawRequest(`${server.urlFor('chat_stream,jsonError=context_overflow')}/v1/chat/completions`, { stream: true });
    assert.equal(reply.status, 400);
    assert.match(String(reply.headers['content-type']), /application\/json/);
    assert.equal(JSON.parse(reply.body.toString()).error.type, 'exceed_context_size_error');
  });

  it('fills silence with ":" ping lines', async () => {
    const reply = await rawRequest(`${server.urlFor('chat_stream,silenceMs=250,pingIntervalMs=100')}/v1/chat/completions`, { stream: true });
    assert.ok(reply.body.toString().startsWith(':\n\n:\n\ndata: '));
  });

  it('holds a request beyond the free slots with zero bytes until a slot frees', async () => {
    server.setSlots(1);
    const slow = rawRequest(`${server.urlFor('chat_stream,chunkDelayMs=15')}/v1/chat/completions`, { stream: true });
    await server.waitForRequests(1);
    const queued = rawRequest(`${server.urlFor('chat_stream')}/v1/chat/completions`, { stream: true });
    const [a, b] = await server.waitForRequests(2);
    assert.equal(b?.firstByteAt, undefined);
    await slow;
    await queued;
    assert.ok(a?.endedAt !== undefined && b?.firstByteAt !== undefined && b.firstByteAt >= a.endedAt);
    assert.ok((b?.waitedForSlotMs ?? 0) > 100);
  });

  it('rejects an unknown scenario or fault with a message naming it', async () => {
    const reply = await rawRequest(`${server.url}/s/nope/v1/chat/completions`, { stream: true });
    assert.equal(reply.status, 400);
    assert.match(reply.body.toString(), /unknown scenario 'nope'/);
    assert.throws(() => server.setScenario('chat_stream,speed=3'), /unknown fault 'speed'/);
  });

  it('answers /v1/models and /props from the recordings and exposes its log over HTTP', async () => {
    const models = await rawRequest(`${server.url}/v1/models`);
    assert.ok(models.body.equals(readFileSync(llamaFixturePath('v1_models.json'))));
    const props = await rawRequest(`${server.url}/props`);
    assert.equal(JSON.parse(props.body.toString()).total_slots, 1);
    const log = JSON.parse((await rawRequest(`${server.url}/_replay/requests`)).body.toString()) as { path: string }[];
    assert.deepEqual(
      log.map((r) => r.path),
      ['/v1/models', '/props'],
    );
  });
});

describe('replay server as a separate process (for end-to-end tests and the demo)', () => {
  it('prints its URL, serves the chosen scenario and shuts down on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/replay/main.ts', '--port', '0', '--scenario', 'vllm', '--slots', '2'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /^listening (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`replay server exited with ${code}`)));
      });
      const reply = await rawRequest(`${url}/v1/chat/completions`, { stream: true });
      assert.ok(reply.body.equals(readFileSync(ownFixturePath('vllm/chat_stream_both.txt'))));
      const log = JSON.parse((await rawRequest(`${url}/_replay/requests`)).body.toString()) as { scenario: string; outcome: string }[];
      assert.deepEqual(log.map((r) => [r.scenario, r.outcome]), [['vllm', 'finished']]);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
