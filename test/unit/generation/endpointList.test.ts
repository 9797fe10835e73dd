import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { listEndpoints } from '../../../server/generation';
import { ReplayServer } from '../../replay';

describe('endpoints list (what each configured server says about itself)', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start({ slots: 4 });
  });
  after(async () => {
    await server.close();
  });

  it('reads models, slots and context from llama.cpp and vLLM, marks an unreachable one, and passes problems on', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await listEndpoints(
      [
        { name: 'llama', preset: 'llama.cpp', url: server.urlFor('llama') },
        { name: 'vllm', preset: 'vllm', url: server.urlFor('vllm'), slots: 32 },
        { name: 'down', preset: 'ollama', url: `http://127.0.0.1:${port}` },
        { name: '', preset: 'vllm' },
      ],
      { keys: { llama: 'sk-local-test' } },
    );
    const [llama, vllm, down] = result.endpoints;
    assert.deepEqual([llama?.reachable, llama?.models, llama?.slots, llama?.contextSize], [true, ['model.gguf'], 1, 4096]);
    assert.equal(vllm?.reachable, true);
    assert.ok((vllm?.models.length ?? 0) > 0);
    assert.equal(vllm?.slots, 32, 'the configured slot count wins');
    assert.deepEqual([down?.reachable, down?.models], [false, []]);
    assert.match(down?.error ?? '', /connection refused/);
    assert.deepEqual(result.problems, ['medreview.endpoints[3].name: every endpoint needs a name']);
    const sentKey = server.requests.filter((r) => r.url.includes('/s/llama/')).map((r) => r.headers['authorization']);
    assert.ok(sentKey.length > 0 && sentKey.every((h) => h === 'Bearer sk-local-test'), 'the key goes to its own endpoint');
    assert.ok(server.requests.filter((r) => r.url.includes('/s/vllm/')).every((r) => r.headers['authorization'] === undefined), 'and to no other');
  });

  it('lists without asking the servers when told not to probe', async () => {
    const before = server.requests.length;
    const result = await listEndpoints([{ name: 'llama', preset: 'llama.cpp', url: server.url, model: 'med-8b' }], { probe: false });
    assert.deepEqual(result.endpoints.map((e) => [e.name, e.model, e.reachable]), [['llama', 'med-8b', undefined]]);
    assert.equal(server.requests.length, before);
  });
});
