import { strict as assert } from 'node:assert';
import { bootstrapMean, seededRandom } from '../../../server/metrics/stats';
import { binomialDraw, stirlingTail } from '../../../server/summary/binomialDraw';
import { countBootstrapMean, countBootstrapMeans } from '../../../server/summary/countBootstrap';

/** P(X = k) for k in [lo, hi] of a binomial(n, p), by the ratio recursion from the mode, normalised over the range. */
function binomialPmf(n: number, p: number, lo: number, hi: number): Map<number, number> {
  const mode = Math.floor((n + 1) * p);
  const weights = new Map<number, number>([[mode, 1]]);
  for (let k = mode + 1; k <= hi; k++) weights.set(k, weights.get(k - 1)! * ((n - k + 1) / k) * (p / (1 - p)));
  for (let k = mode - 1; k >= lo; k--) weights.set(k, weights.get(k + 1)! * ((k + 1) / (n - k)) * ((1 - p) / p));
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  return new Map([...weights].map(([k, w]) => [k, w / total]));
}

/** Pearson's chi-square of `draws` against the binomial, cells merged until each expects at least 10. */
function chiSquare(n: number, p: number, draws: number[]): { statistic: number; df: number } {
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(0, Math.floor(n * p - 10 * sd - 10));
  const hi = Math.min(n, Math.ceil(n * p + 10 * sd + 10));
  const pmf = binomialPmf(n, p, lo, hi);
  const observed = new Map<number, number>();
  for (const k of draws) observed.set(k, (observed.get(k) ?? 0) + 1);
  const cells: { expected: number; observed: number }[] = [];
  let cell = { expected: 0, observed: 0 };
  for (let k = lo; k <= hi; k++) {
    cell.expected += (pmf.get(k) ?? 0) * draws.length;
    cell.observed += observed.get(k) ?? 0;
    if (cell.expected >= 10) {
      cells.push(cell);
      cell = { expected: 0, observed: 0 };
    }
  }
  const tail = cells.at(-1)!;
  tail.expected += cell.expected;
  tail.observed += cell.observed;
  assert.equal(cells.reduce((s, c) => s + c.observed, 0), draws.length, 'every draw lies in [0, n] and within the checked range');
  return { statistic: cells.reduce((s, c) => s + (c.observed - c.expected) ** 2 / c.expected, 0), df: cells.length - 1 };
}

/** The chi-square quantile at 1 - 1e-4 (Wilson-Hilferty; z = 3.719). */
function critical(df: number): number {
  const z = 3.719;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('exact binomial draws', () => {
  const cases: [number, number, string][] = [
    [40, 0.1, 'inversion'],
    [1000, 0.004, 'inversion, small p'],
    [30, 0.5, 'rejection near the mode'],
    [2000, 0.3, 'rejection with the squeeze'],
    [150_000, 0.2, 'rejection, study size'],
    [500, 0.93, 'p above one half'],
  ];
  for (const [n, p, path] of cases) {
    it(`follow binomial(${n}, ${p}) (${path})`, () => {
      const random = seededRandom(n);
      const draws = Array.from({ length: 40_000 }, () => binomialDraw(random, n, p));
      const { statistic, df } = chiSquare(n, p, draws);
      assert.ok(statistic < critical(df), `chi-square ${statistic.toFixed(1)} on ${df} df`);
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const se = Math.sqrt((n * p * (1 - p)) / draws.length);
      assert.ok(Math.abs(mean - n * p) < 5 * se, `mean ${mean} against ${n * p}`);
    });
  }

  it('are 0 and n at the ends', () => {
    const random = seededRandom(3);
    assert.equal(binomialDraw(random, 10, 0), 0);
    assert.equal(binomialDraw(random, 10, 1), 10);
    assert.equal(binomialDraw(random, 0, 0.4), 0);
  });

  it("use Stirling's series beyond 9 continuous with ln(k!) below", () => {
    let logFactorial = 0;
    for (let i = 2; i <= 12; i++) logFactorial += Math.log(i);
    const direct = logFactorial - (12.5 * Math.log(13) - 13 + 0.5 * Math.log(2 * Math.PI));
    assert.ok(Math.abs(stirlingTail(12) - direct) < 1e-10, `${stirlingTail(12)} against ${direct}`);
  });
});

/** `n` answer means of two raters' 1-5 scores, a skewed mix of the nine possible values. */
function pairedScoreMeans(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const score = (): number => Math.min(5, 1 + Math.floor(random.next() * random.next() * 7));
  return Array.from({ length: n }, () => (score() + score()) / 2);
}

describe('bootstrap of a mean by category counts', () => {
  it('gives the interval of direct resampling within Monte-Carlo error', () => {
    const values = pairedScoreMeans(150, 11);
    assert.ok(new Set(values).size >= 6 && new Set(values).size * 8 <= values.length, 'the sample takes the count path');
    for (const confidence of [0.5, 0.8, 0.95]) {
      const fast = countBootstrapMean(values, { resamples: 40_000, confidence, seed: 5 });
      const direct = bootstrapMean(values, { resamples: 40_000, confidence, seed: 6 });
      assert.ok(fast && direct);
      assert.equal(fast.estimate, direct.estimate);
      assert.equal(fast.n, direct.n);
      // Standard error of the mean is about 0.09 here; a 40,000-resample percentile moves by about 0.002.
      assert.ok(Math.abs(fast.low - direct.low) < 0.012, `${confidence}: low ${fast.low} against ${direct.low}`);
      assert.ok(Math.abs(fast.high - direct.high) < 0.012, `${confidence}: high ${fast.high} against ${direct.high}`);
    }
  });

  it('is reproducible for a seed and changes with it', () => {
    const values = pairedScoreMeans(400, 2);
    assert.deepEqual(countBootstrapMean(values, { seed: 9 }), countBootstrapMean(values, { seed: 9 }));
    assert.notDeepEqual(countBootstrapMean(values, { seed: 9 }), countBootstrapMean(values, { seed: 10 }));
  });

  it('does not depend on the order of the values', () => {
    const values = pairedScoreMeans(300, 4);
    assert.deepEqual(countBootstrapMean(values), countBootstrapMean([...values].reverse()));
  });

  it('resamples value by value, as bootstrapMean does, when most values are distinct', () => {
    const random = seededRandom(8);
    const figures = Array.from({ length: 200 }, () => random.next());
    assert.deepEqual(countBootstrapMean(figures, { seed: 3 }), bootstrapMean(figures, { seed: 3 }));
  });

  it('estimates several samples at once with the numbers each alone gives', () => {
    const random = seededRandom(12);
    const figures = [0, 1, 2].map(() => Array.from({ length: 300 }, () => random.next()));
    const scores = pairedScoreMeans(300, 7);
    const together = countBootstrapMeans([figures[0]!, scores, figures[1]!, [], figures[2]!], { seed: 4 });
    assert.deepEqual(together, [
      bootstrapMean(figures[0]!, { seed: 4 }),
      countBootstrapMean(scores, { seed: 4 }),
      bootstrapMean(figures[1]!, { seed: 4 }),
      null,
      bootstrapMean(figures[2]!, { seed: 4 }),
    ]);
  });

  it('refuses the options bootstrapMean refuses', () => {
    const values = pairedScoreMeans(100, 1);
    assert.throws(() => countBootstrapMean(values, { resamples: 0 }), /resamples must be a positive integer/);
    assert.throws(() => countBootstrapMean(values, { seed: 1.5 }), /seed must be an integer/);
    assert.equal(countBootstrapMean([]), null);
  });
});
