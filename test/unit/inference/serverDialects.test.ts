import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generate } from '../../../server/inference';
import { ownFixturePath, ReplayServer } from '../../replay';
import { FEVER_REASONING, PNEUMONIA_ANSWER, PNEUMONIA_REASONING, requestFor } from './requestFixtures';

/** vLLM's and Ollama's stream shapes (our fixtures, written from their documented formats) and errors. */
describe('inference client on vLLM and Ollama shapes and in-stream errors', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });

  it('vLLM sending reasoning and reasoning_content with the same text: taken once', async () => {
    const fixture = readFileSync(ownFixturePath('vllm/chat_stream_both.txt'), 'utf8');
    assert.match(fixture, /"reasoning":"Fever","reasoning_content":"Fever"/);
    const r = await generate(requestFor(server.urlFor('vllm'), 'chat'));
    assert.equal(r.status, 'complete');
    assert.equal(r.serverReasoning, PNEUMONIA_REASONING);
    assert.deepEqual([r.split.reasoning, r.split.answer, r.split.state], [PNEUMONIA_REASONING, PNEUMONIA_ANSWER, 'complete']);
    assert.deepEqual(r.usage, { promptTokens: 38, completionTokens: 43, totalTokens: 81, cachedTokens: undefined });
  });

  it('vLLM with only `reasoning` (no usage chunk): reasoning read, usage unknown', async () => {
    const r = await generate(requestFor(server.urlFor('vllm_reasoning'), 'chat'));
    assert.deepEqual([r.status, r.split.reasoning, r.split.answer], ['complete', PNEUMONIA_REASONING, PNEUMONIA_ANSWER]);
    assert.equal(r.usage, undefined);
  });

  it('Ollama: `reasoning` beside an empty `content` in the same delta', async () => {
    const r = await generate(requestFor(server.urlFor('ollama'), 'chat'));
    assert.deepEqual([r.status, r.split.reasoning, r.split.answer, r.finishReason], ['complete', PNEUMONIA_REASONING, PNEUMONIA_ANSWER, 'stop']);
  });

  it('vLLM in-stream error followed by [DONE]: not complete, the error kept, the partial text kept', async () => {
    const r = await generate(requestFor(server.urlFor('vllm_error'), 'chat'));
    assert.equal(r.status, 'incomplete');
    assert.equal(r.error?.kind, 'stream-error');
    assert.match(r.error?.message ?? '', /engine loop has stopped/);
    assert.equal(r.serverReasoning, 'Fever, productive');
  });

  it('llama.cpp in-stream error with no [DONE] after it', async () => {
    const r = await generate(requestFor(server.urlFor('chat_stream,errorAfterChunks=4'), 'chat'));
    assert.equal(r.status, 'incomplete');
    assert.equal(r.error?.kind, 'stream-error');
    assert.equal(r.serverReasoning, FEVER_REASONING.split(' ').slice(0, 3).join(' '));
    assert.equal(r.split.state, 'unclosed');
  });

  it('context overflow from llama.cpp: a message with both token counts, failed, nothing retried', async () => {
    const r = await generate(requestFor(server.urlFor('context_overflow'), 'chat'));
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'context-overflow');
    assert.match(r.error?.message ?? '', /the prompt has 5210 tokens but the model's context holds 4096/);
    assert.deepEqual(r.error?.details, { promptTokens: 5210, contextSize: 4096 });
    assert.equal(r.attempts, 1);
  });

  it('context overflow from vLLM: the counts read from its message text', async () => {
    const r = await generate(requestFor(server.urlFor('vllm_overflow'), 'chat'));
    assert.equal(r.error?.kind, 'context-overflow');
    assert.deepEqual(r.error?.details, { promptTokens: 8804, contextSize: 8192 });
  });

  it('a recorded JSON error to a streaming request: failed with the server\'s message and status', async () => {
    const r = await generate(requestFor(server.urlFor('chat_stream,jsonError=invalid_json'), 'chat'));
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.kind, 'server-error');
    assert.equal(r.error?.status, 500);
    assert.match(r.error?.message ?? '', /^HTTP 500: \[json\.exception\.parse_error\.101\]/);
    const n2 = await generate(requestFor(server.urlFor('chat_stream,jsonError=n_2'), 'chat'));
    assert.deepEqual([n2.error?.kind, n2.error?.status], ['bad-request', 400]);
  });
});
