import type { ExportAnswer, ExportQuestion, Rating } from '../store';
import { withEnoughRaters } from './answerRatings';
import type { AnswerScores } from './answerScores';
import type { ExportPlan } from './plan';
import { answerRecordParts, type AnswerRecordParts } from './ratingRecord';
import type { AnswerScoring } from './scoreCache';
import type { ExportCounts } from './types';

/** One rated answer to export, with what is computed once for all of its ratings. */
export interface RatedAnswer {
  entry: ExportAnswer;
  scores: AnswerScores;
  parts: AnswerRecordParts;
  ratings: readonly Rating[];
}

/**
 * Calls `each` for every answer whose ratings are to be exported; answers rated by fewer raters than the
 * plan asks are left out. ROUGE and the extraction come from the store's cache, or are computed here once per
 * answer (not per rating) and cached.
 */
export async function forEachRatedAnswer(
  stream: AsyncIterable<ExportQuestion>,
  plan: ExportPlan,
  counts: ExportCounts,
  scoring: AnswerScoring,
  each: (answer: RatedAnswer) => Promise<void>,
): Promise<void> {
  for await (const q of withEnoughRaters(stream, plan, counts)) {
    for (const entry of q.answers) {
      const scores = await scoring.scores(q, entry);
      await each({ entry, scores, parts: answerRecordParts(q, entry, scores, plan.texts), ratings: entry.ratings });
    }
    await scoring.saveIfDue();
  }
  await scoring.save();
}
