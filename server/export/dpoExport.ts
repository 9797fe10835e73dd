import type { ExportAnswer, ExportQuestion } from '../store';
import { countRead, countSkip } from './counts';
import { dpoPairs, type DpoPair } from './dpoPairs';
import type { ExportPlan } from './plan';
import { completionText, promptText } from './promptText';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/**
 * One line per pair: `{prompt, chosen, rejected}` and a `meta` object that says where the pair came from. A
 * completion that is the final answer alone goes in as the stream's JSON-quoted bytes where it has them
 * (ExportAnswer.quoted): the same bytes JSON.stringify would write, never decoded here.
 */
export async function writeDpo(stream: AsyncIterable<ExportQuestion>, plan: ExportPlan, sink: TextSink, counts: ExportCounts): Promise<void> {
  for await (const q of stream) {
    countRead(counts, q);
    const { pairs, skipped } = dpoPairs(q, { minRaters: plan.minRaters, minOverall: plan.minOverall, includeTies: plan.includeTies });
    for (const [reason, n] of Object.entries(skipped)) countSkip(counts, reason, n);
    if (pairs.length === 0) continue;
    const prompt = `{"prompt":${JSON.stringify(promptText(q.question))},"chosen":`;
    for (const pair of pairs) {
      await sink.write(prompt);
      await sink.write(completionJson(pair.chosen, plan.withReasoning));
      await sink.write(',"rejected":');
      await sink.write(completionJson(pair.rejected, plan.withReasoning));
      await sink.write(`,"meta":${JSON.stringify(dpoMeta(q, pair))}}\n`);
      counts.written++;
    }
  }
}

function completionJson(entry: ExportAnswer, withReasoning: boolean): string | Buffer {
  if (!withReasoning && entry.quoted) return entry.quoted.answer;
  return JSON.stringify(completionText(entry.answer.split, withReasoning));
}

function dpoMeta(q: ExportQuestion, p: DpoPair): object {
  return {
    questionUid: q.question.uid,
    datasetId: q.question.id,
    label: p.label,
    source: p.source,
    raters: p.raters,
    votes: p.votes,
    chosenAnswerUid: p.chosen.answer.uid,
    chosenModel: p.chosen.answer.model,
    chosenMeanOverall: p.chosenMeanOverall,
    rejectedAnswerUid: p.rejected.answer.uid,
    rejectedModel: p.rejected.answer.model,
    rejectedMeanOverall: p.rejectedMeanOverall,
  };
}
