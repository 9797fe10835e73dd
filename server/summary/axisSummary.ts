import type { BootstrapOptions } from '../metrics/stats';
import { groupMeans, type AnswerGroups } from './answerGroups';
import { isHarmful } from './coding';
import { meanEstimate, proportionEstimate } from './estimates';
import type { CleanRating, CodedAxis } from './ratingIntake';
import type { AxisSummary, HarmRate, MeanEstimate } from './types';

/** The mean of an ordered axis, or the distribution of a nominal one, over one model's ratings. */
export function summarizeAxis({ axis, coding, position }: CodedAxis, groups: AnswerGroups, options: BootstrapOptions): AxisSummary {
  if (axis.kind !== 'nominal') {
    const { rated, means } = axisMeans(groups, position);
    return { measure: 'mean', axisId: axis.id, ratings: rated, mean: meanEstimate(means, options) };
  }
  let rated = 0;
  const counts = coding.choices.map(() => 0);
  for (const r of groups.ratings) {
    const v = r.values[position];
    if (!v) continue;
    rated++;
    counts[v.choice] = (counts[v.choice] ?? 0) + 1;
  }
  return {
    measure: 'distribution',
    axisId: axis.id,
    ratings: rated,
    choices: coding.choices.map((c, i) => ({ value: c.value, label: c.label, share: proportionEstimate(counts[i] ?? 0, rated) })),
  };
}

/**
 * groupMeans of an axis's codes, and how many ratings have one, in one pass without a callback per rating:
 * a fifth of the summary's time on the export benchmark went to these passes (12 axes x 300,000 ratings).
 * The same sums in the same order as groupMeans, so the same means.
 */
function axisMeans({ ratings, answerOf, answers }: AnswerGroups, position: number): { rated: number; means: number[] } {
  const sums = new Float64Array(answers);
  const counts = new Int32Array(answers);
  let rated = 0;
  for (let i = 0; i < ratings.length; i++) {
    const v = ratings[i]!.values[position];
    if (!v) continue;
    rated++;
    const a = answerOf[i]!;
    sums[a] = sums[a]! + v.code;
    counts[a] = counts[a]! + 1;
  }
  const means: number[] = [];
  for (let a = 0; a < answers; a++) if (counts[a]! > 0) means.push(sums[a]! / counts[a]!);
  return { rated, means };
}

/** Share of ratings above the harmless end of a harm axis. Ratings, not answers: each rater's judgement of harm counts. */
export function harmRate({ axis, coding, position }: CodedAxis, ratings: readonly CleanRating[]): HarmRate {
  let trials = 0;
  let harmful = 0;
  for (const r of ratings) {
    const v = r.values[position];
    if (!v) continue;
    trials++;
    if (isHarmful(axis, coding, v.value)) harmful++;
  }
  return { axisId: axis.id, rate: proportionEstimate(harmful, trials) };
}

export function overallMean(groups: AnswerGroups, options: BootstrapOptions): MeanEstimate | null {
  return meanEstimate(groupMeans(groups, (r) => r.overall), options);
}
