/** Two-sided 95% standard normal quantile. */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  /** successes / trials */
  proportion: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927). Unlike the normal approximation it stays
 * inside [0, 1] and behaves at 0 and n successes, which matters for small per-model samples.
 * Returns null when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): ProportionInterval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval needs integers 0 <= successes <= trials, got ${successes}/${trials}`);
  }
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // Clamp away rounding noise at the ends (exactly 0 or 1 successes give a bound of exactly 0 or 1).
  return {
    proportion: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
