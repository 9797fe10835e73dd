import { randomUUID } from 'node:crypto';
import type { AxisValue, ExportAnswer, ExportItem } from '../store';
import { ratingDates, writingBuiltLines, type LineFormat } from './builtLineItems';
import type { ExportPlan } from './plan';
import { forEachRatedAnswer, QuestionPart } from './ratingRecords';
import { ratingAccuracy, ratingFields, type AnswerRecordParts } from './ratingRecord';
import type { AnswerScoring } from './scoreCache';
import { TextMemo } from './textMemo';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/**
 * One JSON object per line per rating (ExportedRating in ratingRecord.ts). Most lines come built by SQLite
 * (server/store/queries/jsonlLines.ts) and are written as they are. The others are made here: the question
 * and reference are serialized and encoded once per question, the answer once per answer (together most of
 * a line's bytes), and spliced into each of its raters' lines: the same JSON as stringifying the whole
 * record, in the same key order.
 */
export async function writeJsonl(items: AsyncIterable<ExportItem>, plan: ExportPlan, sink: TextSink, counts: ExportCounts, scoring: AnswerScoring): Promise<void> {
  const stream = writingBuiltLines(items, sink, counts, scoring, builtLineFormat());
  const questionPart = new QuestionPart(({ question, reference }) => `,${JSON.stringify({ question, reference }).slice(1, -1)}`);
  await forEachRatedAnswer(stream, plan, counts, scoring, async ({ entry, scores, parts, ratings }) => {
    const question = questionPart.bytes(parts);
    const answer = answerBytes(parts, plan.texts ? entry.quoted : undefined);
    for (const r of ratings) {
      await sink.write(JSON.stringify(ratingFields(r)).slice(0, -1));
      await sink.write(question);
      await sink.write(answer);
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
 * The answer's part of its lines, `,"answer":...,"generation":...,"rouge":...,"accuracy":`. With `quoted`
 * (reasoning and final answer JSON-quoted by SQLite), those bytes go in as they are, never decoded into
 * strings: they are most of the export's bytes.
 */
function answerBytes({ answer, generation, rouge }: AnswerRecordParts, quoted: ExportAnswer['quoted']): Buffer {
  if (!quoted) return Buffer.from(`,${JSON.stringify({ answer, generation, rouge }).slice(1, -1)},"accuracy":`, 'utf8');
  const json = JSON.stringify({ answer: { ...answer, text: HOLE, reasoning: HOLE }, generation, rouge }).slice(1, -1);
  const [before, between, after, ...more] = json.split(QUOTED_HOLE);
  if (before === undefined || between === undefined || after === undefined || more.length > 0) throw new Error('internal: the answer text placeholder was not found once each');
  return Buffer.concat([Buffer.from(`,${before}`, 'utf8'), quoted.answer, Buffer.from(between, 'utf8'), quoted.reasoning, Buffer.from(`${after},"accuracy":`, 'utf8')]);
}

/**
 * A built line's rating part: what JSON.stringify(ratingFields(...)) writes up to the closing brace (the same
 * keys in the same order; the export tests compare the two), written out here because stringifying the
 * object took the writing thread 2 s for 300,000 ratings, this 0.8 s. Ratings repeat their combinations of
 * axis values; each is serialized once.
 */
function builtLineFormat(): LineFormat {
  const values = new TextMemo((text) => JSON.stringify(JSON.parse(text) as Record<string, AxisValue>));
  const q = JSON.stringify;
  const iso = (ms: number): string => q(new Date(ms).toISOString());
  return {
    rating: ({ rating: r, values: axisValues }) => {
      const [created, updated] = ratingDates(r, iso);
      return (
        `{"ratingId":${q(r.uid)},"rater":${q(r.rater)},"rubric":{"key":${q(r.rubricKey)},"version":${q(r.rubricVersion)},"hash":${q(r.rubricHash)}}` +
        `,"values":${values.get(axisValues)},"overall":${q(r.overall)},"comment":${q(r.comment)},"blind":${q(r.blind)},"shownPosition":${q(r.shownPosition)}` +
        `,"revision":${q(r.revision)},"createdAt":${created},"updatedAt":${updated}`
      );
    },
  };
}
