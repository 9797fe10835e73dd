import type { Rating } from './types';

/** Distinct raters among an answer's ratings. */
export function distinctRaters(ratings: readonly Pick<Rating, 'rater'>[]): number {
  return new Set(ratings.map((r) => r.rater)).size;
}

/** The overall score averaged over the ratings that have one; null when none has. */
export function meanOverallOf(ratings: readonly Pick<Rating, 'overall'>[]): number | null {
  let sum = 0;
  let n = 0;
  for (const r of ratings) {
    if (r.overall === null) continue;
    sum += r.overall;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Enough raters, and a mean overall score at least this high: the SFT export's rule for an answer. */
export interface RatingThreshold {
  minRaters: number;
  minOverall: number;
}

export function reachesThreshold(ratings: readonly Pick<Rating, 'rater' | 'overall'>[], t: RatingThreshold): boolean {
  return thresholdMiss(distinctRaters(ratings), meanOverallOf(ratings), t) === null;
}

/** Why an answer's ratings miss the threshold, checked in this order; null when they reach it. */
export type ThresholdMiss = 'below-min-raters' | 'without-overall' | 'below-min-overall';

export function thresholdMiss(raters: number, meanOverall: number | null, t: RatingThreshold): ThresholdMiss | null {
  if (raters < t.minRaters) return 'below-min-raters';
  if (meanOverall === null) return 'without-overall';
  return meanOverall < t.minOverall ? 'below-min-overall' : null;
}
