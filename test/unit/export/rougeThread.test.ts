import { strict as assert } from 'node:assert';
import { rougeMeansOf } from '../../../server/export/rougeThread';
import { rougeByModel, type SummaryRouge } from '../../../server/summary';

/** The summary's ROUGE thread (server/export/rougeThread.ts, rougeWorker.ts) against the same means computed here. */
describe('export: the summary’s ROUGE thread', () => {
  /** Three models, 400 answers each, with figures of many distinct values (resampled value by value) and of few. */
  function rows(): SummaryRouge[] {
    const out: SummaryRouge[] = [];
    for (const [m, model] of ['m/alpha', 'm/beta', 'm/gamma'].entries()) {
      for (let i = 0; i < 400; i++) {
        const x = ((i * 7919 + m * 104729) % 1000) / 1000;
        out.push({ answerId: `${model}-${(i * 37) % 400}`, model, rouge1: x, rouge2: Math.round(x * 4) / 4, rougeL: (x + m / 10) % 1 });
      }
    }
    return out;
  }

  it('gives exactly the means computed on this thread', async () => {
    const options = { seed: 7, resamples: 300 };
    const onThread = await rougeMeansOf(true)(rows(), options);
    assert.deepEqual(onThread, rougeByModel(rows(), options));
    assert.deepEqual([...onThread.keys()], ['m/alpha', 'm/beta', 'm/gamma']);
    assert.ok(onThread.get('m/beta')!.rouge1.low < onThread.get('m/beta')!.rouge1.high);
  });

  it('passes on what went wrong there', async () => {
    await assert.rejects(rougeMeansOf(true)(rows(), { resamples: 0 }), /resamples must be a positive integer, got 0/);
  });

  it('computes here when asked to, or when the rows are few', async () => {
    // Without a thread a failure is thrown here, as the same RangeError.
    await assert.rejects(rougeMeansOf(false)(rows(), { resamples: 0 }), RangeError);
    await assert.rejects(rougeMeansOf(undefined)(rows(), { resamples: 0 }), RangeError);
  });
});
