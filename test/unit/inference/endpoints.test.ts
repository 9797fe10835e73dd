import { strict as assert } from 'node:assert';
import { describeEndpoint, endpointFromPreset, endpointWarnings, InferenceError, isLoopbackHost, normaliseBaseUrl, probeEndpoint } from '../../../server/inference';
import { ReplayServer } from '../../replay';

describe('endpoints: presets, URLs and the plain-http warning', () => {
  it('has the three presets on their default ports', () => {
    assert.equal(endpointFromPreset('llama.cpp').baseUrl, 'http://127.0.0.1:8080');
    assert.equal(endpointFromPreset('vllm').baseUrl, 'http://127.0.0.1:8000');
    assert.equal(endpointFromPreset('ollama').baseUrl, 'http://127.0.0.1:11434');
    assert.equal(endpointFromPreset('vllm', { baseUrl: 'http://gpu-box:8000/v1/' }).baseUrl, 'http://gpu-box:8000');
  });

  it('normalises a base URL and rejects what cannot be one', () => {
    assert.equal(normaliseBaseUrl('http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
    assert.equal(normaliseBaseUrl('http://127.0.0.1:9000/s/chat_stream/v1'), 'http://127.0.0.1:9000/s/chat_stream');
    assert.throws(() => normaliseBaseUrl('127.0.0.1:8080'), /not a URL/);
    assert.throws(() => normaliseBaseUrl('ftp://host'), /only http/);
    assert.throws(() => normaliseBaseUrl('http://user:secret@host'), /API key/);
  });

  it('warns for plain http to another machine only', () => {
    assert.equal(endpointWarnings('http://192.168.1.20:8000').length, 1);
    assert.match(endpointWarnings('http://gpu-box.example.org:8000')[0] ?? '', /unencrypted/);
    for (const ok of ['http://127.0.0.1:8080', 'http://127.3.4.5', 'http://localhost:11434', 'http://[::1]:8000', 'https://gpu-box.example.org']) {
      assert.deepEqual(endpointWarnings(ok), [], ok);
    }
    assert.equal(isLoopbackHost('128.0.0.1'), false);
  });
});

describe('endpoint probe: /v1/models and /props', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });

  it('llama.cpp: model, slots and per-slot context from the recorded /v1/models and /props', async () => {
    const info = await probeEndpoint({ name: 'l', baseUrl: server.url, server: 'openai-compatible' });
    assert.deepEqual(info.models, ['model.gguf']);
    assert.equal(info.slots, 1);
    assert.equal(info.contextSize, 4096);
    assert.equal(info.server, 'llama.cpp');
    assert.deepEqual(info.warnings, []);
  });

  it('vLLM: max_model_len as the context, no /props asked for', async () => {
    server.reset();
    const { endpoint } = await describeEndpoint({ name: 'v', baseUrl: server.urlFor('vllm'), server: 'openai-compatible' });
    assert.deepEqual([endpoint.model, endpoint.contextSize, endpoint.slots, endpoint.server], ['deepseek-ai/DeepSeek-R1-Distill-Llama-8B', 8192, undefined, 'vllm']);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/v1/models'],
    );
  });

  it('Ollama: the model list', async () => {
    const info = await probeEndpoint({ name: 'o', baseUrl: server.urlFor('ollama'), server: 'ollama' });
    assert.deepEqual(info.models, ['qwen3:8b']);
  });

  it('waits out "Loading model" like a generation does', async () => {
    const retries: number[] = [];
    const info = await probeEndpoint({ name: 'l', baseUrl: server.urlFor('llama,loadingTimes=2'), server: 'llama.cpp' }, { retry: { initialDelayMs: 10 }, onRetry: (a) => retries.push(a) });
    assert.deepEqual(retries, [1, 2]);
    assert.deepEqual(info.models, ['model.gguf']);
  });

  it('throws an unreachable InferenceError naming the URL when nothing listens', async () => {
    const gone = await ReplayServer.start();
    const url = gone.url;
    await gone.close();
    await assert.rejects(probeEndpoint({ name: 'dead', baseUrl: url, server: 'llama.cpp' }), (err: unknown) => {
      assert.ok(err instanceof InferenceError);
      assert.equal(err.failure.kind, 'unreachable');
      assert.ok(err.message.includes(`Cannot reach dead at ${url}: connection refused`));
      return true;
    });
  });
});
