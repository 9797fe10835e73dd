import type { ExportAnswer, ExportQuestion, ExportStreamFilter } from '../store';
import { meanOverall, raterCount } from './answerRatings';
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
  if (raterCount(entry) < plan.minRaters) return 'answers-below-min-raters';
  const mean = meanOverall(entry);
  if (mean === null) return 'answers-without-overall';
  if (mean < plan.minOverall) return 'answers-below-min-overall';
  if (entry.textsOmitted) throw new Error(`internal: the texts of answer ${entry.answer.uid} were not read, yet its ratings pass`);
  if (entry.answer.split.answer.trim() === '') return 'answers-without-final-answer';
  return null;
}

/** What the SFT export reads: model output only of the answers whose ratings pass. */
export function sftStreamFilter(plan: Pick<ExportPlan, 'minRaters' | 'minOverall'>): Pick<ExportStreamFilter, 'answerTextsFor'> {
  return { answerTextsFor: { minRaters: plan.minRaters, minOverall: plan.minOverall } };
}

/**
 * One `{prompt, completion}` line (with `meta`) per answer whose overall score, averaged over its raters,
 * reaches the plan's minimum; an answer without a final answer (reasoning never closed) is left out.
 */
export async function writeSft(stream: AsyncIterable<ExportQuestion>, plan: ExportPlan, sink: TextSink, counts: ExportCounts): Promise<void> {
  for await (const q of stream) {
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
