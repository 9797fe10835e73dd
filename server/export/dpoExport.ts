import type { ExportQuestion } from '../store';
import { countRead, countSkip } from './counts';
import { dpoPairs, type DpoPair } from './dpoPairs';
import type { ExportPlan } from './plan';
import { completionText, promptText } from './promptText';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/** One line per pair: `{prompt, chosen, rejected}` and a `meta` object that says where the pair came from. */
export async function writeDpo(stream: AsyncIterable<ExportQuestion>, plan: ExportPlan, sink: TextSink, counts: ExportCounts): Promise<void> {
  for await (const q of stream) {
    countRead(counts, q);
    const { pairs, skipped } = dpoPairs(q, { minRaters: plan.minRaters, minOverall: plan.minOverall, includeTies: plan.includeTies });
    for (const [reason, n] of Object.entries(skipped)) countSkip(counts, reason, n);
    if (pairs.length === 0) continue;
    const prompt = promptText(q.question);
    for (const pair of pairs) {
      await sink.write(`${JSON.stringify(dpoRecord(q, prompt, pair, plan.withReasoning))}\n`);
      counts.written++;
    }
  }
}

function dpoRecord(q: ExportQuestion, prompt: string, p: DpoPair, withReasoning: boolean): object {
  return {
    prompt,
    chosen: completionText(p.chosen.answer.split, withReasoning),
    rejected: completionText(p.rejected.answer.split, withReasoning),
    meta: {
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
    },
  };
}
