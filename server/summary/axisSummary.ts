import type { BootstrapOptions } from '../metrics/stats';
import { groupMeans, type AnswerGroups } from './answerGroups';
import { isHarmful } from './coding';
import { meanEstimate, proportionEstimate } from './estimates';
import type { CleanRating, CodedAxis } from './ratingIntake';
import type { AxisSummary, HarmRate, MeanEstimate } from './types';

/** The mean of an ordered axis, or the distribution of a nominal one, over one model's ratings. */
export function summarizeAxis({ axis, coding, position }: CodedAxis, groups: AnswerGroups, options: BootstrapOptions): AxisSummary {
  let rated = 0;
  for (const r of groups.ratings) if (r.values[position]) rated++;
  if (axis.kind === 'nominal') {
    const counts = coding.choices.map(() => 0);
    for (const r of groups.ratings) {
      const v = r.values[position];
      if (v) counts[v.choice] = (counts[v.choice] ?? 0) + 1;
    }
    return {
      measure: 'distribution',
      axisId: axis.id,
      ratings: rated,
      choices: coding.choices.map((c, i) => ({ value: c.value, label: c.label, share: proportionEstimate(counts[i] ?? 0, rated) })),
    };
  }
  return { measure: 'mean', axisId: axis.id, ratings: rated, mean: meanEstimate(groupMeans(groups, (r) => r.values[position]?.code), options) };
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
