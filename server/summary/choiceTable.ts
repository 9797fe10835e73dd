import { OVERALL_MIN } from '../rubric/types';
import type { CleanRating, CodedAxis } from './ratingIntake';

/**
 * Every rating's choice on every coded axis, and its overall score, in one typed array: row = the rating's
 * `row`, column = the axis's `position`, the overall score in the last column (as score - 1, its position on
 * the 1-5 scale); -1 where there is none, or for an interval value that is no anchor. Agreement counts
 * read each rating once per axis and scope; reading them from here rather than through each rating's
 * objects keeps a 300,000-rating study's counting in the processor's cache.
 */
export interface ChoiceTable {
  choices: Int32Array;
  /** Coded axes + 1 (the overall score). */
  width: number;
}

export function choiceTable(ratings: readonly CleanRating[], axes: readonly CodedAxis[]): ChoiceTable {
  const width = axes.length + 1;
  const choices = new Int32Array(ratings.length * width).fill(-1);
  for (const r of ratings) {
    const base = r.row * width;
    for (const { position } of axes) {
      const v = r.values[position];
      if (v) choices[base + position] = v.choice;
    }
    if (r.overall !== undefined) choices[base + axes.length] = r.overall - OVERALL_MIN;
  }
  return { choices, width };
}
