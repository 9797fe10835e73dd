import { wilsonInterval, type BootstrapOptions } from '../metrics/stats';
import { countBootstrapMean, countBootstrapMeans } from './countBootstrap';
import type { MeanEstimate, ProportionEstimate } from './types';

/** Mean with its seeded percentile bootstrap interval (resampling answers; see countBootstrapMean); null for no values. */
export function meanEstimate(values: readonly number[], options: BootstrapOptions): MeanEstimate | null {
  const interval = countBootstrapMean(values, options);
  return interval && { estimate: interval.estimate, low: interval.low, high: interval.high, n: interval.n };
}

/** meanEstimate of several samples at once (see countBootstrapMeans): the same numbers, fewer draws. */
export function meanEstimates(samples: readonly (readonly number[])[], options: BootstrapOptions): (MeanEstimate | null)[] {
  return countBootstrapMeans(samples, options).map((interval) => interval && { estimate: interval.estimate, low: interval.low, high: interval.high, n: interval.n });
}

/** Proportion with its Wilson 95% interval; null for no trials. */
export function proportionEstimate(successes: number, trials: number): ProportionEstimate | null {
  const interval = wilsonInterval(successes, trials);
  return interval && { successes, trials, estimate: interval.proportion, low: interval.low, high: interval.high };
}

/**
 * One number per answer: the mean of its ratings' values, in answer id order. Two raters of one answer
 * are not two independent samples of a model's quality, so the bootstrap resamples answers, not ratings;
 * the order makes the interval independent of the order the store returned the rows in.
 */
export function answerMeans<T extends { answerId: string }>(items: readonly T[], valueOf: (item: T) => number | undefined): number[] {
  // The caller usually passes rows already in answer order (see sortByAnswer); the sort is stable, so each
  // answer's values are summed in the order given either way.
  const inOrder = items.every((item, i) => i === 0 || byCodeUnits(items[i - 1]!.answerId, item.answerId) <= 0);
  return sortedAnswerMeans(inOrder ? items : sortByAnswer(items), valueOf);
}

/** answerMeans of rows in answer id order: one pass over runs of one answer, summed in the same order. */
function sortedAnswerMeans<T extends { answerId: string }>(items: readonly T[], valueOf: (item: T) => number | undefined): number[] {
  const means: number[] = [];
  let id: string | undefined;
  let sum = 0;
  let count = 0;
  for (const item of items) {
    if (item.answerId !== id) {
      if (count > 0) means.push(sum / count);
      id = item.answerId;
      sum = 0;
      count = 0;
    }
    const value = valueOf(item);
    if (value === undefined) continue;
    sum += value;
    count++;
  }
  if (count > 0) means.push(sum / count);
  return means;
}

/** Rows in answer id order, so every per-answer mean of a model comes out in that order without sorting again. */
export function sortByAnswer<T extends { answerId: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => byCodeUnits(a.answerId, b.answerId));
}

/** Locale-independent string order, so a summary sorts the same on every machine. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Model names for readers: case-insensitive first ("alpha" beside "Alpha-2"), then exact, still locale-independent. */
export function byName(a: string, b: string): number {
  return byCodeUnits(a.toLowerCase(), b.toLowerCase()) || byCodeUnits(a, b);
}
