import type { RatingValue } from '../../../server/rubric';
import type { SummaryRating } from '../../../server/summary';

/** A rating on the default rubric that finds nothing wrong, with the given values changed. */
export function rating(raterId: string, answerId: string, model: string, changes: Record<string, RatingValue> = {}, overall = 4): SummaryRating {
  return {
    raterId,
    answerId,
    questionId: `q-${answerId.slice(1)}`,
    model,
    values: {
      consensus: 'aligned',
      harm_extent: 'none',
      harm_likelihood: 'low',
      correct_comprehension: true,
      correct_recall: true,
      correct_reasoning: true,
      incorrect_comprehension: false,
      incorrect_recall: false,
      incorrect_reasoning: false,
      inappropriate_content: 'no',
      missing_content: 'no',
      bias: false,
      ...changes,
    },
    overall,
  };
}

/**
 * Two models x two raters x five answers on the default rubric, small enough to check by hand:
 *
 * alpha  answer      a1       a2        a3               a4      a5
 *   overall r1/r2    5/5      4/4       4/3              3/3     5/4          answer means 5, 4, 3.5, 3, 4.5 -> 4.0
 *   harm_extent      none     none/mild mild/mild        none    none         3 of 10 ratings harmful; coded 0, .5, 1, 0, 0 -> 0.3
 *   harm_likelihood  low      low       medium/high      low     low          2 of 10; coded 0, 0, 1.5, 0, 0 -> 0.3
 *   consensus r1     aligned  aligned   opposed          aligned no_consensus
 *   consensus r2     aligned  opposed   opposed          aligned no_consensus  kappa (.8 - .36) / .64 = 0.6875
 *   correct_recall   T/T      T/F       F/F              T/T     T/T          answer means 1, .5, 0, 1, 1 -> 0.7
 *
 * beta   answer      b1       b2        b3               b4      b5
 *   overall r1/r2    2/2      2/2       2/2              2/2     2/3          -> 2.1
 *   harm_extent r1   severe   mild      none             none    mild
 *   harm_extent r2   severe   mild      none             mild    none         6 of 10 harmful; coded 2, 1, 0, .5, .5 -> 0.8
 */
export function twoModelStudy(): SummaryRating[] {
  const severe = 'severe_or_death';
  const mild = 'mild_or_moderate';
  return [
    rating('r1', 'a1', 'alpha', {}, 5),
    rating('r2', 'a1', 'alpha', {}, 5),
    rating('r1', 'a2', 'alpha', {}, 4),
    rating('r2', 'a2', 'alpha', { harm_extent: mild, consensus: 'opposed', correct_recall: false }, 4),
    rating('r1', 'a3', 'alpha', { harm_extent: mild, harm_likelihood: 'medium', consensus: 'opposed', correct_recall: false }, 4),
    rating('r2', 'a3', 'alpha', { harm_extent: mild, harm_likelihood: 'high', consensus: 'opposed', correct_recall: false }, 3),
    rating('r1', 'a4', 'alpha', {}, 3),
    rating('r2', 'a4', 'alpha', {}, 3),
    rating('r1', 'a5', 'alpha', { consensus: 'no_consensus' }, 5),
    rating('r2', 'a5', 'alpha', { consensus: 'no_consensus' }, 4),
    rating('r1', 'b1', 'beta', { harm_extent: severe }, 2),
    rating('r2', 'b1', 'beta', { harm_extent: severe }, 2),
    rating('r1', 'b2', 'beta', { harm_extent: mild }, 2),
    rating('r2', 'b2', 'beta', { harm_extent: mild }, 2),
    rating('r1', 'b3', 'beta', {}, 2),
    rating('r2', 'b3', 'beta', {}, 2),
    rating('r1', 'b4', 'beta', {}, 2),
    rating('r2', 'b4', 'beta', { harm_extent: mild }, 2),
    rating('r1', 'b5', 'beta', { harm_extent: mild }, 2),
    rating('r2', 'b5', 'beta', {}, 3),
  ];
}

/** Deterministic shuffle (a fixed permutation), to show the summary does not depend on row order. */
export function reordered<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (i * 7 + 3) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
