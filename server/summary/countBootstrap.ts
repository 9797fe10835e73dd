import { bootstrapMean, mean, quantile, seededRandom, DEFAULT_RESAMPLES, DEFAULT_SEED, type BootstrapInterval, type BootstrapOptions } from '../metrics/stats';
import { binomialDraw } from './binomialDraw';

/**
 * Percentile bootstrap interval of a mean, as `bootstrapMean`, with the same resampling unit (each value,
 * here one answer's mean; drawn n times with replacement) and the same percentile rule, but drawn as
 * counts where the sample has few distinct values. A resample of n values taken with replacement from a
 * sample whose distinct values v_1..v_k occur n_1..n_k times holds v_j exactly c_j times, where
 * (c_1..c_k) ~ Multinomial(n; n_1/n, .., n_k/n); its mean is sum(c_j v_j) / n. Drawing the counts (k
 * exact binomial draws) instead of n indices gives resample means with exactly that distribution at
 * O(k) rather than O(n) a resample: 1-5 scores averaged over two raters have at most 9 distinct values
 * against tens of thousands of answers. A sample with many distinct values (ROUGE figures) is resampled
 * value by value, as before. Same seed, same data: same interval, on every machine.
 */
export function countBootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const distinct = distinctCounts(values);
  if (distinct.values.length * COUNT_DRAW_COST > n) return bootstrapMean(values, options);
  const { resamples, confidence, seed } = checkedOptions(options);
  const random = seededRandom(seed);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) stats[r] = resampleMean(random, distinct, n);
  stats.sort();
  const tail = (1 - confidence) / 2;
  return { estimate: mean(values), low: quantile(stats, tail), high: quantile(stats, 1 - tail), n };
}

/** The same rules as bootstrapMean's, with the same messages. */
function checkedOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return { resamples, confidence, seed };
}

/** One category's draw costs about as much as this many index draws; fewer categories than n / this pay off. */
const COUNT_DRAW_COST = 8;

interface DistinctCounts {
  values: Float64Array;
  counts: Float64Array;
}

/** Distinct values in ascending order with how often each occurs (the order fixes the draws for a seed). */
function distinctCounts(values: ArrayLike<number>): DistinctCounts {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  return { values: Float64Array.from(sorted), counts: Float64Array.from(sorted, (v) => counts.get(v)!) };
}

/** A multinomial draw as a chain of binomials: each category's count given what the earlier ones took. */
function resampleMean(random: ReturnType<typeof seededRandom>, { values, counts }: DistinctCounts, n: number): number {
  let left = n;
  let weightLeft = n;
  let sum = 0;
  const last = values.length - 1;
  for (let j = 0; j < last && left > 0; j++) {
    const c = binomialDraw(random, left, counts[j]! / weightLeft);
    sum += c * values[j]!;
    left -= c;
    weightLeft -= counts[j]!;
  }
  if (left > 0) sum += left * values[last]!;
  return sum / n;
}
