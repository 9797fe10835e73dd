/** Summary figures of a list of durations (ms), with nearest-rank percentiles. */
export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

export function summarise(values: readonly number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  return {
    n: s.length,
    min: round(s[0] ?? NaN),
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    max: round(s.at(-1) ?? NaN),
    mean: round(mean),
  };
}

/** Share of values above a threshold, in percent with one decimal. */
export function shareOver(values: readonly number[], threshold: number): number {
  return values.length ? round((100 * values.filter((v) => v > threshold).length) / values.length) : NaN;
}
