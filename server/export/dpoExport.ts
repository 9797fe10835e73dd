import { isDpoRows, isExportQuestion, type ExportAnswer, type ExportItem, type StoredQuestion } from '../store';
import { countSkip } from './counts';
import { dpoPairs, pairQuestionOf, type DpoPair, type PairQuestion } from './dpoPairs';
import { rowQuestions } from './dpoRowItems';
import type { ExportPlan } from './plan';
import { completionText, promptText } from './promptText';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/**
 * One line per pair: `{prompt, chosen, rejected}` and a `meta` object that says where the pair came from. A
 * completion that is the final answer alone goes in as the JSON-quoted bytes SQLite made where the stream
 * has them (DPO rows, ExportAnswer.quoted): the same bytes JSON.stringify would write, never decoded here.
 */
export async function writeDpo(items: AsyncIterable<ExportItem>, plan: ExportPlan, sink: TextSink, counts: ExportCounts): Promise<void> {
  const write = <A>(question: StoredQuestion, pairing: PairQuestion<A>, json: (a: A) => string | Uint8Array) => writeQuestion(question, pairing, json, plan, sink, counts);
  for await (const item of items) {
    if (isDpoRows(item)) {
      for (const { question, pairing } of rowQuestions(item.dpo)) await write(question, pairing, (final) => final);
    } else if (isExportQuestion(item)) {
      await write(item.question, pairQuestionOf(item), (entry) => completionJson(entry, plan.withReasoning));
    } else {
      throw new Error('internal: the DPO export was handed lines, a tally or summary rows');
    }
  }
}

async function writeQuestion<A>(question: StoredQuestion, pairing: PairQuestion<A>, json: (a: A) => string | Uint8Array, plan: ExportPlan, sink: TextSink, counts: ExportCounts): Promise<void> {
  counts.questions++;
  counts.answers += pairing.answers.length;
  for (const a of pairing.answers) counts.ratings += a.ratings;
  const { pairs, skipped } = dpoPairs(pairing, { minRaters: plan.minRaters, minOverall: plan.minOverall, includeTies: plan.includeTies });
  for (const [reason, n] of Object.entries(skipped)) countSkip(counts, reason, n);
  if (pairs.length === 0) return;
  const prompt = `{"prompt":${JSON.stringify(promptText(question))},"chosen":`;
  for (const pair of pairs) {
    await sink.write(prompt);
    await sink.write(json(pair.chosen.of));
    await sink.write(',"rejected":');
    await sink.write(json(pair.rejected.of));
    await sink.write(`,"meta":${JSON.stringify(dpoMeta(question, pair))}}\n`);
    counts.written++;
  }
}

function completionJson(entry: ExportAnswer, withReasoning: boolean): string | Uint8Array {
  if (!withReasoning && entry.quoted) return entry.quoted.answer;
  return JSON.stringify(completionText(entry.answer.split, withReasoning));
}

function dpoMeta<A>(question: StoredQuestion, p: DpoPair<A>): object {
  return {
    questionUid: question.uid,
    datasetId: question.id,
    label: p.label,
    source: p.source,
    raters: p.raters,
    votes: p.votes,
    chosenAnswerUid: p.chosen.uid,
    chosenModel: p.chosen.model,
    chosenMeanOverall: p.chosenMeanOverall,
    rejectedAnswerUid: p.rejected.uid,
    rejectedModel: p.rejected.model,
    rejectedMeanOverall: p.rejectedMeanOverall,
  };
}
