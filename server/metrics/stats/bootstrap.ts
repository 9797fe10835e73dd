import { seededRandom } from './random';

export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Coverage of the interval (default 0.95). */
  confidence?: number;
  /** Seed of the resampling generator (default 1): the same seed and data give the same interval. */
  seed?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original sample. */
  estimate: number;
  low: number;
  high: number;
  n: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 1;

/**
 * Percentile bootstrap interval (Efron) of `statistic` over `values`: resample with replacement `resamples`
 * times, take the statistic of each resample, report the (1-confidence)/2 and (1+confidence)/2 quantiles
 * (linear interpolation between order statistics). `statistic` receives a reused buffer: it must not keep it.
 * Returns null for an empty sample.
 */
export function bootstrapInterval(
  values: ArrayLike<number>,
  statistic: (sample: Float64Array) => number,
  options: BootstrapOptions = {},
): BootstrapInterval | null {
  const n = values.length;
  if (n === 0) return null;
  const { resamples, confidence, seed } = checkedOptions(options);
  const original = Float64Array.from(values);
  const estimate = statistic(original);
  const random = seededRandom(seed);
  const sample = new Float64Array(n);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = original[random.below(n)]!;
    stats[r] = statistic(sample);
  }
  stats.sort();
  const tail = (1 - confidence) / 2;
  return { estimate, low: quantile(stats, tail), high: quantile(stats, 1 - tail), n };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Bootstrap interval of the mean. */
export function bootstrapMean(values: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapInterval | null {
  return bootstrapInterval(values, mean, options);
}

/** Quantile of sorted values with linear interpolation between neighbours (numpy's default method). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/** Defaults filled in and checked (shared with the summary's count bootstrap, which must refuse the same). */
export function checkedOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return { resamples, confidence, seed };
}
