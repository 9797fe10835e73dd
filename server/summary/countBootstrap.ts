import { checkedOptions, mean, quantile, seededRandom, type BootstrapInterval, type BootstrapOptions, type SeededRandom } from '../metrics/stats';
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
 * value by value, exactly as bootstrapMean does (the same numbers). Same seed, same data: same interval.
 */
export function countBootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapInterval | null {
  return countBootstrapMeans([values], options)[0] ?? null;
}

/**
 * countBootstrapMean of several samples (the three ROUGE figures of one model's answers). Those resampled
 * value by value share their index draws when they have the same length, as bootstrapMean with the same
 * seed would draw the same indices for each: one pass of draws instead of one per sample, same numbers.
 */
export function countBootstrapMeans(samples: readonly ArrayLike<number>[], options: BootstrapOptions = {}): (BootstrapInterval | null)[] {
  const out: (BootstrapInterval | null)[] = samples.map(() => null);
  // As bootstrapMean: no values, no interval, whatever the options.
  if (samples.every((values) => values.length === 0)) return out;
  const settings = checkedOptions(options);
  const direct = new Map<number, number[]>();
  samples.forEach((values, s) => {
    if (values.length === 0) return;
    const distinct = distinctCounts(values);
    if (distinct.values.length * COUNT_DRAW_COST > values.length) direct.set(values.length, [...(direct.get(values.length) ?? []), s]);
    else out[s] = countInterval(values, distinct, settings);
  });
  for (const group of direct.values()) {
    const intervals = jointInterval(group.map((s) => samples[s]!), settings);
    group.forEach((s, i) => (out[s] = intervals[i]!));
  }
  return out;
}

function countInterval(values: ArrayLike<number>, distinct: DistinctCounts, { resamples, confidence, seed }: Required<BootstrapOptions>): BootstrapInterval {
  const n = values.length;
  const random = seededRandom(seed);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) stats[r] = resampleMean(random, distinct, n);
  return percentiles(mean(values), stats, confidence, n);
}

/** bootstrapInterval's resampling (the same generator calls, the same sums), for samples of one length at once. */
function jointInterval(samples: readonly ArrayLike<number>[], { resamples, confidence, seed }: Required<BootstrapOptions>): BootstrapInterval[] {
  const n = samples[0]!.length;
  const columns = samples.map((values) => Float64Array.from(values));
  const stats = columns.map(() => new Float64Array(resamples));
  const sums = new Float64Array(columns.length);
  const random = seededRandom(seed);
  for (let r = 0; r < resamples; r++) {
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const drawn = random.below(n);
      for (let c = 0; c < columns.length; c++) sums[c]! += columns[c]![drawn]!;
    }
    for (let c = 0; c < columns.length; c++) stats[c]![r] = sums[c]! / n;
  }
  return columns.map((column, c) => percentiles(mean(column), stats[c]!, confidence, n));
}

function percentiles(estimate: number, stats: Float64Array, confidence: number, n: number): BootstrapInterval {
  stats.sort();
  const tail = (1 - confidence) / 2;
  return { estimate, low: quantile(stats, tail), high: quantile(stats, 1 - tail), n };
}

/**
 * One category's binomial draw costs about as much as this many index draws (measured: 50,000 values,
 * 2000 resamples, break-even near 3,500 distinct values); fewer categories than n / this pay off.
 */
const COUNT_DRAW_COST = 16;

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
function resampleMean(random: SeededRandom, { values, counts }: DistinctCounts, n: number): number {
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
