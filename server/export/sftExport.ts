import { isExportQuestion, isRatingTally, thresholdMiss, type ExportAnswer, type ExportItem, type ExportStreamFilter, type RatingTally } from '../store';
import { hasFinalAnswer, meanOverall, raterCount } from './answerRatings';
import { countRead, countSkip } from './counts';
import type { ExportPlan } from './plan';
import { completionText, promptText } from './promptText';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/**
 * Why an answer is not an SFT completion, or null when it is one. The checks of its ratings come first and
 * are exactly reachesThreshold's, which the stream used to decide whose texts to read (sftStreamFilter).
 */
export function sftRejection(entry: ExportAnswer, plan: Pick<ExportPlan, 'minRaters' | 'minOverall'>): string | null {
  const miss = thresholdMiss(raterCount(entry), meanOverall(entry), plan);
  if (miss !== null) return `answers-${miss}`;
  if (entry.textsOmitted) throw new Error(`internal: the texts of answer ${entry.answer.uid} were not read, yet its ratings pass`);
  if (!hasFinalAnswer(entry)) return 'answers-without-final-answer';
  return null;
}

/**
 * What the SFT export reads: model output only of the answers whose ratings pass. While nothing changes
 * during the export, the others come as a tally per chunk, not as objects (RatingTally).
 */
export function sftStreamFilter(plan: Pick<ExportPlan, 'minRaters' | 'minOverall'>, tally: boolean): Pick<ExportStreamFilter, 'answerTextsFor' | 'tally'> {
  return { answerTextsFor: { minRaters: plan.minRaters, minOverall: plan.minOverall }, tally };
}

/**
 * One `{prompt, completion}` line (with `meta`) per answer whose overall score, averaged over its raters,
 * reaches the plan's minimum; an answer without a final answer (reasoning never closed) is left out.
 */
export async function writeSft(items: AsyncIterable<ExportItem>, plan: ExportPlan, sink: TextSink, counts: ExportCounts): Promise<void> {
  for await (const q of items) {
    if (isRatingTally(q)) {
      countTally(counts, q.tally);
      continue;
    }
    if (!isExportQuestion(q)) throw new Error('internal: lines built for the SFT export');
    countRead(counts, q);
    let prompt: string | undefined;
    for (const entry of q.answers) {
      const rejection = sftRejection(entry, plan);
      if (rejection) {
        countSkip(counts, rejection);
        continue;
      }
      prompt ??= promptText(q.question);
      const record = {
        prompt,
        completion: completionText(entry.answer.split, plan.withReasoning),
        meta: {
          questionUid: q.question.uid,
          datasetId: q.question.id,
          answerUid: entry.answer.uid,
          model: entry.answer.model,
          meanOverall: meanOverall(entry),
          raters: raterCount(entry),
        },
      };
      await sink.write(`${JSON.stringify(record)}\n`);
      counts.written++;
    }
  }
}

/** What a tally counted, as countRead and countSkip count it from objects. */
function countTally(counts: ExportCounts, tally: RatingTally['tally']): void {
  counts.questions += tally.questions;
  counts.answers += tally.answers;
  counts.ratings += tally.ratings;
  for (const [miss, n] of Object.entries(tally.missed)) countSkip(counts, `answers-${miss}`, n);
}
