import { compareCodePoints, type SummaryAnswerRow, type SummaryRatingRow, type SummaryRows } from '../store';
import { BELOW_MIN_RATERS } from './answerRatings';
import { countSkip } from './counts';
import type { ExportPlan } from './plan';
import type { AnswerScoring } from './scoreCache';
import { takeAnswerScores, type SummaryParts } from './summaryParts';
import type { ExportCounts } from './types';

/**
 * A chunk's summary rows (written by SQLite, summaryRows.ts in the store) taken exactly as studySummary takes
 * the same questions read as objects: the same ratings in the same order (question, answer, rater in code
 * point order: the order decides the sums, and so the last digits of the means), the same answers left out
 * for too few raters, the same counts.
 */
export async function takeSummaryRows(rows: SummaryRows['summary'], plan: Pick<ExportPlan, 'minRaters'>, counts: ExportCounts, scoring: AnswerScoring, parts: SummaryParts): Promise<void> {
  const ratings = parseRows<SummaryRatingRow>(rows.ratings).sort(inStreamOrder);
  const answers = new Map(parseRows<SummaryAnswerRow>(rows.answers).map((a) => [a[0], a]));
  counts.ratings += ratings.length;
  for (let start = 0; start < ratings.length; ) {
    const end = answerRunEnd(ratings, start);
    const first = ratings[start]!;
    if (start === 0 || first[0] !== ratings[start - 1]![0]) counts.questions++;
    counts.answers++;
    const answer = answers.get(first[1]);
    if (!answer) throw new Error(`internal: the summary rows have ratings of answer row ${first[1]} but not the answer`);
    if (distinctRaters(ratings, start, end) < plan.minRaters) countSkip(counts, BELOW_MIN_RATERS);
    else await takeAnswer(ratings, start, end, answer, rows.overrides, scoring, parts);
    start = end;
  }
}

async function takeAnswer(
  ratings: readonly SummaryRatingRow[],
  start: number,
  end: number,
  answer: SummaryAnswerRow,
  overrides: SummaryRows['summary']['overrides'],
  scoring: AnswerScoring,
  parts: SummaryParts,
): Promise<void> {
  const [, answerUid, questionUid, model, cached] = answer;
  for (let i = start; i < end; i++) {
    const [, , rater, values, overall] = ratings[i]!;
    parts.ratings.add({ raterId: rater, answerId: answerUid, questionId: questionUid, model, values: values as Record<string, never>, overall });
  }
  const scores = await scoring.scoresFromRow(questionUid, answerUid, cached);
  takeAnswerScores(parts, answerUid, model, scores, overrides[answerUid] ?? []);
}

function parseRows<T>(bytes: Uint8Array): T[] {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T[];
}

function inStreamOrder(x: SummaryRatingRow, y: SummaryRatingRow): number {
  return x[0] - y[0] || x[1] - y[1] || compareCodePoints(x[2], y[2]);
}

/** The end of the run of one answer's ratings that starts at `start`. */
function answerRunEnd(ratings: readonly SummaryRatingRow[], start: number): number {
  let end = start + 1;
  while (end < ratings.length && ratings[end]![1] === ratings[start]![1]) end++;
  return end;
}

/** Ratings of one answer come sorted by rater, so each new name is a new rater. */
function distinctRaters(ratings: readonly SummaryRatingRow[], start: number, end: number): number {
  let n = 1;
  for (let i = start + 1; i < end; i++) if (ratings[i]![2] !== ratings[i - 1]![2]) n++;
  return n;
}
