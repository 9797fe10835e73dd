import type { CleanRating } from './ratingIntake';

/**
 * One model's ratings in answer id order (sortByAnswer), each with the ordinal of its answer, so that a
 * per-answer mean of any axis is one pass of array sums rather than a map keyed by answer id per axis.
 */
export interface AnswerGroups {
  ratings: readonly CleanRating[];
  /** answerOf[i]: ordinal of ratings[i]'s answer, 0, 1, 2, ... in id order. */
  answerOf: Int32Array;
  answers: number;
}

export function answerGroups(sortedByAnswer: readonly CleanRating[]): AnswerGroups {
  const answerOf = new Int32Array(sortedByAnswer.length);
  let answers = 0;
  sortedByAnswer.forEach((r, i) => {
    if (i > 0 && r.answerId !== sortedByAnswer[i - 1]!.answerId) answers++;
    answerOf[i] = answers;
  });
  return { ratings: sortedByAnswer, answerOf, answers: sortedByAnswer.length === 0 ? 0 : answers + 1 };
}

/**
 * One number per answer with a value: the mean of its ratings' values, in answer id order (as
 * estimates.answerMeans gives it, summed in the same order, so the same numbers).
 */
export function groupMeans({ ratings, answerOf, answers }: AnswerGroups, valueOf: (r: CleanRating) => number | undefined): number[] {
  const sums = new Float64Array(answers);
  const counts = new Int32Array(answers);
  ratings.forEach((r, i) => {
    const v = valueOf(r);
    if (v === undefined) return;
    const a = answerOf[i]!;
    sums[a] = sums[a]! + v;
    counts[a] = counts[a]! + 1;
  });
  const means: number[] = [];
  for (let a = 0; a < answers; a++) if (counts[a]! > 0) means.push(sums[a]! / counts[a]!);
  return means;
}
