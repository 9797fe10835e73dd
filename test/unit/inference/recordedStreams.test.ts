import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generate, toModelAnswer } from '../../../server/inference';
import { llamaFixturePath, ReplayServer, sseFrames } from '../../replay';
import { FEVER_ANSWER, FEVER_REASONING, recording, requestFor } from './requestFixtures';

/** The client against llama-server's own bytes, over real HTTP on loopback. */
describe('inference client on recorded llama-server streams', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  it('chat stream: reasoning_content deltas, the choices:[] usage chunk with timings, [DONE]', async () => {
    const { events, options } = recording();
    const r = await generate(requestFor(server.url, 'chat'), options);
    assert.equal(r.status, 'complete');
    assert.equal(r.finishReason, 'stop');
    assert.equal(r.serverReasoning, FEVER_REASONING);
    assert.equal(r.raw, FEVER_ANSWER);
    assert.deepEqual([r.split.reasoning, r.split.answer, r.split.state], [FEVER_REASONING, FEVER_ANSWER, 'complete']);
    assert.deepEqual(r.usage, { promptTokens: 28, completionTokens: 22, totalTokens: 50, cachedTokens: 27 });
    assert.equal(r.timings?.predictedTokensPerSecond, 135.06820944577012);
    assert.equal(r.servedModel, 'model.gguf');
    // One delta event per recorded text chunk: tokens reach the caller as they arrive, not at the end.
    const textFrames = sseFrames(readFileSync(llamaFixturePath('chat_stream.txt'))).filter((f) => /"(content|reasoning_content)":"[^"]/.test(f.toString()));
    assert.equal(events.filter((e) => e.type === 'delta').length, textFrames.length);
    assert.ok(events.findIndex((e) => e.type === 'delta') < events.length - 1);
  });

  it('sends the streaming body the server needs and records every sampling parameter', async () => {
    const r = await generate(requestFor(server.url, 'chat'));
    const body = server.requests[0]?.json as Record<string, unknown>;
    assert.equal(body['stream'], true);
    assert.deepEqual(body['stream_options'], { include_usage: true });
    assert.deepEqual([body['temperature'], body['max_tokens'], body['seed'], body['model']], [0.6, 64, 42, 'model.gguf']);
    assert.deepEqual(r.params, { temperature: 0.6, max_tokens: 64, seed: 42, stop: undefined });
    assert.equal(r.template?.id, 'plain-chat');
    assert.match(r.template?.hash ?? '', /^sha256:[0-9a-f]{64}$/);
  });

  it('chat stream without include_usage: usage is read from the final timings', async () => {
    const r = await generate(requestFor(server.urlFor('chat_stream_no_usage'), 'chat'));
    assert.equal(r.status, 'complete');
    assert.deepEqual(r.usage, { promptTokens: 11, completionTokens: 22, totalTokens: 33, cachedTokens: 3 });
  });

  it('native /completion stream ends with stop:true and no [DONE], and is complete', async () => {
    const raw = readFileSync(llamaFixturePath('completion_stream.txt'), 'utf8');
    assert.ok(!raw.includes('[DONE]'));
    const r = await generate(requestFor(server.url, 'native'));
    assert.equal(r.status, 'complete');
    assert.equal(r.finishReason, 'stop');
    assert.deepEqual([r.split.reasoning, r.split.answer], [FEVER_REASONING, FEVER_ANSWER]);
    assert.deepEqual(r.usage, { promptTokens: 25, completionTokens: 21, totalTokens: 46 });
    const sent = server.requests[0]?.json as Record<string, unknown>;
    assert.equal(sent['n_predict'], 64);
    assert.equal(sent['max_tokens'], undefined);
    assert.ok(String(sent['prompt']).endsWith('### Response:\n<think>'));
  });

  it('/v1/completions after a prompt ending in <think>: no opening tag in the output, split by thinkOpenedByPrompt', async () => {
    const r = await generate(requestFor(server.url, 'completions'));
    assert.ok(!r.raw.includes('<think>'));
    assert.ok(r.raw.includes('</think>'));
    assert.equal(r.status, 'complete');
    assert.deepEqual([r.split.reasoning, r.split.answer, r.split.state], [FEVER_REASONING, FEVER_ANSWER, 'complete']);
  });

  it('becomes a ModelAnswer for the panel and the store, with the prompt and its provenance', async () => {
    const req = requestFor(server.url, 'completions');
    const r = await generate(req);
    const a = toModelAnswer(r, { file: 'generated', line: 1 });
    assert.deepEqual([a.questionId, a.model, a.raw, a.split.answer], ['fever-1', 'model.gguf', r.raw, FEVER_ANSWER]);
    assert.equal(a.prompt, req.prompt.mode === 'completion' ? req.prompt.prompt : undefined);
    assert.deepEqual(a.generation.template, req.template);
    assert.deepEqual([a.generation.status, a.generation.endpoint.url, a.params?.seed], ['complete', server.url, 42]);
  });

  it('a JSON answer to a request for a stream is read as a whole answer', async () => {
    const r = await generate(requestFor(server.urlFor('chat_nonstream'), 'chat'));
    assert.equal(r.status, 'complete');
    assert.deepEqual([r.split.reasoning, r.split.answer, r.finishReason], [FEVER_REASONING, FEVER_ANSWER, 'stop']);
    assert.equal(r.usage?.completionTokens, 22);
  });

  it('keeps the partial text of the recorded disconnect, marked incomplete', async () => {
    const frames = sseFrames(readFileSync(llamaFixturePath('disconnect_partial.txt')));
    const r = await generate(requestFor(server.urlFor('disconnect_partial'), 'chat'));
    assert.equal(r.status, 'incomplete');
    assert.equal(r.error?.kind, 'disconnected');
    const expected = frames
      .map((f) => /"content":"((?:[^"\\]|\\.)*)"/.exec(f.toString())?.[1])
      .filter((x): x is string => x !== undefined)
      .map((x) => JSON.parse(`"${x}"`) as string)
      .join('');
    assert.equal(r.raw, expected);
    assert.ok(r.raw.length > 100);
  });

  it('prompt-progress chunks carry no text; a stream that then just ends has failed', async () => {
    const r = await generate(requestFor(server.urlFor('return_progress'), 'chat'));
    assert.equal(r.raw, '');
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'disconnected');
    assert.match(r.error?.message ?? '', /without the server saying it was done/);
  });
});
