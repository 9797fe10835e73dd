import type { ExportQuestion } from '../store';
import type { ExportPlan } from './plan';
import { forEachRatedAnswer } from './ratingRecords';
import { ratingAccuracy, ratingFields } from './ratingRecord';
import type { AnswerScoring } from './scoreCache';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/**
 * One JSON object per line per rating (ExportedRating in ratingRecord.ts). The question, reference and answer
 * (most of a line's bytes) are serialized once per answer and spliced into each of its raters' lines: the
 * same JSON as stringifying the whole record, in the same key order.
 */
export async function writeJsonl(stream: AsyncIterable<ExportQuestion>, plan: ExportPlan, sink: TextSink, counts: ExportCounts, scoring: AnswerScoring): Promise<void> {
  await forEachRatedAnswer(stream, plan, counts, scoring, async ({ entry, scores, parts, ratings }) => {
    // Encoded once: most of a line's bytes, the same for each of the answer's raters.
    const shared = Buffer.from(`,${JSON.stringify(parts).slice(1, -1)},"accuracy":`, 'utf8');
    for (const r of ratings) {
      await sink.write(JSON.stringify(ratingFields(r)).slice(0, -1));
      await sink.write(shared);
      await sink.write(`${JSON.stringify(ratingAccuracy(entry, scores, r))}}\n`);
      counts.written++;
    }
  });
}
