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

/**
 * A question's part of its records (question and reference), encoded once per question rather than once per
 * answer: a question's answers come one after another, and its texts (PubMedQA contexts, medical-o1
 * reference reasoning) are as long as an answer's.
 */
export class QuestionPart {
  private uid: string | undefined;
  private encoded = Buffer.alloc(0);

  constructor(private readonly text: (parts: AnswerRecordParts) => string) {}

  bytes(parts: AnswerRecordParts): Buffer {
    if (parts.question.uid !== this.uid) {
      this.uid = parts.question.uid;
      this.encoded = Buffer.from(this.text(parts), 'utf8');
    }
    return this.encoded;
  }
}
