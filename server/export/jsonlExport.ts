import { randomUUID } from 'node:crypto';
import type { ExportAnswer, ExportQuestion } from '../store';
import type { ExportPlan } from './plan';
import { forEachRatedAnswer } from './ratingRecords';
import { ratingAccuracy, ratingFields, type AnswerRecordParts } from './ratingRecord';
import type { AnswerScoring } from './scoreCache';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/**
 * One JSON object per line per rating (ExportedRating in ratingRecord.ts). The question, reference and answer
 * (most of a line's bytes) are serialized and encoded once per answer and spliced into each of its raters'
 * lines: the same JSON as stringifying the whole record, in the same key order.
 */
export async function writeJsonl(stream: AsyncIterable<ExportQuestion>, plan: ExportPlan, sink: TextSink, counts: ExportCounts, scoring: AnswerScoring): Promise<void> {
  await forEachRatedAnswer(stream, plan, counts, scoring, async ({ entry, scores, parts, ratings }) => {
    const shared = sharedBytes(parts, plan.texts ? entry.quoted : undefined);
    for (const r of ratings) {
      await sink.write(JSON.stringify(ratingFields(r)).slice(0, -1));
      await sink.write(shared);
      await sink.write(`${JSON.stringify(ratingAccuracy(entry, scores, r))}}\n`);
      counts.written++;
    }
  });
}

/**
 * Stands for the answer's texts while the record around them is stringified; unguessable, so no text of the
 * dataset or model output can be taken for it.
 */
const HOLE = `\u0000${randomUUID()}\u0000`;
const QUOTED_HOLE = JSON.stringify(HOLE);

/**
 * The answer's part of its lines. With `quoted` (reasoning and final answer JSON-quoted by SQLite), those
 * bytes go in as they are, never decoded into strings: they are most of the export's bytes.
 */
function sharedBytes(parts: AnswerRecordParts, quoted: ExportAnswer['quoted']): Buffer {
  if (!quoted) return Buffer.from(`,${JSON.stringify(parts).slice(1, -1)},"accuracy":`, 'utf8');
  const json = JSON.stringify({ ...parts, answer: { ...parts.answer, text: HOLE, reasoning: HOLE } }).slice(1, -1);
  const [before, between, after, ...more] = json.split(QUOTED_HOLE);
  if (before === undefined || between === undefined || after === undefined || more.length > 0) throw new Error('internal: the answer text placeholder was not found once each');
  return Buffer.concat([Buffer.from(`,${before}`, 'utf8'), quoted.answer, Buffer.from(between, 'utf8'), quoted.reasoning, Buffer.from(`${after},"accuracy":`, 'utf8')]);
}
