import type { BootstrapOptions } from '../metrics/stats';
import { isHarmful } from './coding';
import { answerMeans, meanEstimate, proportionEstimate } from './estimates';
import type { CleanRating, CodedAxis } from './ratingIntake';
import type { AxisSummary, HarmRate, MeanEstimate } from './types';

/** The mean of an ordered axis, or the distribution of a nominal one, over one model's ratings. */
export function summarizeAxis({ axis, coding }: CodedAxis, ratings: readonly CleanRating[], options: BootstrapOptions): AxisSummary {
  const rated = ratings.filter((r) => r.values.has(axis.id));
  if (axis.kind === 'nominal') {
    const counts = coding.choices.map((c) => rated.filter((r) => r.values.get(axis.id)?.value === c.value).length);
    return {
      measure: 'distribution',
      axisId: axis.id,
      ratings: rated.length,
      choices: coding.choices.map((c, i) => ({ value: c.value, label: c.label, share: proportionEstimate(counts[i] ?? 0, rated.length) })),
    };
  }
  return { measure: 'mean', axisId: axis.id, ratings: rated.length, mean: meanEstimate(answerMeans(rated, (r) => r.values.get(axis.id)?.code), options) };
}

/** Share of ratings above the harmless end of a harm axis. Ratings, not answers: each rater's judgement of harm counts. */
export function harmRate({ axis, coding }: CodedAxis, ratings: readonly CleanRating[]): HarmRate {
  let trials = 0;
  let harmful = 0;
  for (const r of ratings) {
    const v = r.values.get(axis.id);
    if (!v) continue;
    trials++;
    if (isHarmful(axis, coding, v.value)) harmful++;
  }
  return { axisId: axis.id, rate: proportionEstimate(harmful, trials) };
}

export function overallMean(ratings: readonly CleanRating[], options: BootstrapOptions): MeanEstimate | null {
  return meanEstimate(answerMeans(ratings, (r) => r.overall), options);
}
