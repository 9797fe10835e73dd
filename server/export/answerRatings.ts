import type { ExportAnswer } from '../store';

/** Distinct raters who rated the answer. */
export function raterCount(entry: ExportAnswer): number {
  return new Set(entry.ratings.map((r) => r.rater)).size;
}

/** The overall score averaged over the raters who gave one; null when nobody did. */
export function meanOverall(entry: ExportAnswer): number | null {
  let sum = 0;
  let n = 0;
  for (const r of entry.ratings) {
    if (r.overall === null) continue;
    sum += r.overall;
    n++;
  }
  return n === 0 ? null : sum / n;
}
