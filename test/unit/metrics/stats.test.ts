import { strict as assert } from 'node:assert';
import { bootstrapInterval, bootstrapMean, quantile, seededRandom, wilsonInterval } from '../../../server/metrics';

describe('seeded random generator', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({ length: 50 }, () => a.nextUint32());
    const seqB = Array.from({ length: 50 }, () => b.nextUint32());
    const seqC = Array.from({ length: 50 }, () => c.nextUint32());
    assert.deepEqual(seqA, seqB);
    assert.notDeepEqual(seqA, seqC);
    assert.ok(seqA.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32));
  });

  it('draws indices uniformly enough for resampling', () => {
    const random = seededRandom(7);
    const counts = new Array<number>(10).fill(0);
    const draws = 100_000;
    for (let i = 0; i < draws; i++) counts[random.below(10)]!++;
    // Chi-square with 9 degrees of freedom: 27.9 is its 0.999 quantile.
    const chi2 = counts.reduce((s, k) => s + (k - draws / 10) ** 2 / (draws / 10), 0);
    assert.ok(chi2 < 27.9, `chi-square ${chi2}`);
  });
});

describe('bootstrap interval', () => {
  it('is reproducible for a seed', () => {
    const values = [0.2, 0.5, 0.9, 0.4, 0.7, 0.1, 0.3];
    assert.deepEqual(bootstrapMean(values, { seed: 5 }), bootstrapMean(values, { seed: 5 }));
    assert.notDeepEqual(bootstrapMean(values, { seed: 5 }), bootstrapMean(values, { seed: 6 }));
  });

  it('reports the statistic of the sample itself as the estimate', () => {
    const r = bootstrapMean([1, 2, 3, 4], { resamples: 10 });
    assert.equal(r?.estimate, 2.5);
    assert.equal(r?.n, 4);
  });

  it('matches the known sampling distribution of a mean of 100 fair coin flips', () => {
    // The bootstrap mean of 50 zeros and 50 ones has standard deviation 0.05: interval about 0.5 +- 0.098.
    const values = Array.from({ length: 100 }, (_, i) => i % 2);
    const r = bootstrapMean(values, { resamples: 20_000, seed: 3 });
    assert.ok(r);
    assert.ok(r.low > 0.39 && r.low < 0.41, `low ${r.low}`);
    assert.ok(r.high > 0.59 && r.high < 0.61, `high ${r.high}`);
  });

  it('gives the two-point distribution its outer values', () => {
    // Means of resamples of [0, 1] are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4: the 2.5% and 97.5% points are 0 and 1.
    const r = bootstrapMean([0, 1], { resamples: 4000, seed: 11 });
    assert.equal(r?.low, 0);
    assert.equal(r?.high, 1);
  });

  it('collapses on constant data and is null on none', () => {
    assert.deepEqual(bootstrapMean([0.3, 0.3, 0.3]), { estimate: 0.3, low: 0.3, high: 0.3, n: 3 });
    assert.equal(bootstrapMean([]), null);
  });

  it('takes any statistic, e.g. a median', () => {
    const median = (s: Float64Array): number => quantile(Float64Array.from(s).sort(), 0.5);
    const r = bootstrapInterval([1, 2, 3, 4, 100], median, { seed: 2 });
    assert.equal(r?.estimate, 3);
    assert.ok(r && r.high <= 100 && r.low >= 1);
  });

  it('rejects nonsense options', () => {
    assert.throws(() => bootstrapMean([1, 2], { resamples: 0 }), RangeError);
    assert.throws(() => bootstrapMean([1, 2], { confidence: 1 }), RangeError);
  });

  it('interpolates quantiles linearly between order statistics', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
    assert.equal(quantile([1, 2, 3, 4], 1), 4);
    assert.equal(quantile([5], 0.3), 5);
  });
});

describe('Wilson interval', () => {
  // Published values: Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3.
  for (const [k, n, low, high] of [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ] as const) {
    it(`${k}/${n} gives ${low}-${high}`, () => {
      const r = wilsonInterval(k, n);
      assert.ok(r);
      assert.equal(r.proportion, k / n);
      assert.ok(Math.abs(r.low - low) < 5e-5, `low ${r.low}`);
      assert.ok(Math.abs(r.high - high) < 5e-5, `high ${r.high}`);
    });
  }

  it('has the closed forms at 0 and n successes', () => {
    const z2 = 1.959963984540054 ** 2;
    assert.ok(Math.abs(wilsonInterval(0, 10)!.high - z2 / (10 + z2)) < 1e-12);
    assert.ok(Math.abs(wilsonInterval(10, 10)!.low - 10 / (10 + z2)) < 1e-12);
    assert.equal(wilsonInterval(10, 10)!.high, 1);
  });

  it('is null without trials and refuses impossible counts', () => {
    assert.equal(wilsonInterval(0, 0), null);
    assert.throws(() => wilsonInterval(3, 2), RangeError);
    assert.throws(() => wilsonInterval(1.5, 2), RangeError);
  });
});
