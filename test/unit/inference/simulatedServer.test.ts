import { strict as assert } from 'node:assert';
import { describeEndpoint, generate } from '../../../server/inference';
import { calibrationFrom, SimulatedServer } from '../../replay';
import { requestFor } from './requestFixtures';

/** The throughput benchmark's stand-in server: calibrated on llama-server's own figures, speaking its protocol. */
describe('simulated llama-server for the throughput benchmark', () => {
  it('is calibrated so its throughput with every slot busy is the recorded one', () => {
    for (const file of ['bench_np1.jsonl', 'bench_np4.jsonl'] as const) {
      const c = calibrationFrom(file);
      const capacity = (c.slots * c.tokensPerRequest) / (c.promptMs / 1000 + c.tokensPerRequest / c.tokensPerSecondPerSlot);
      assert.ok(Math.abs(capacity / c.recordedAggregateTokS - 1) < 0.01, `${file}: ${capacity} vs recorded ${c.recordedAggregateTokS}`);
    }
    assert.equal(calibrationFrom('bench_np4.jsonl').slots, 4);
    assert.equal(calibrationFrom('bench_np1.jsonl').slots, 1);
  });

  it('streams llama.cpp-shaped chunks the client completes, with usage, and reports its slots', async () => {
    const sim = await SimulatedServer.start({ slots: 3, tokensPerSecondPerSlot: 500, promptMs: 5, defaultTokens: 10 });
    try {
      const { endpoint } = await describeEndpoint({ name: 'sim', baseUrl: sim.url, server: 'openai-compatible' });
      assert.deepEqual([endpoint.slots, endpoint.model], [3, 'simulated.gguf']);
      const r = await generate(requestFor(sim.url, 'chat', { params: { max_tokens: 6 } }));
      assert.deepEqual([r.status, r.finishReason, r.usage?.completionTokens], ['complete', 'length', 6]);
      assert.equal(r.serverReasoning, ' r0 r1 r2');
      assert.equal(r.raw, ' a3 a4 a5');
      assert.equal(sim.stats.tokens, 6);
    } finally {
      await sim.close();
    }
  });
});
