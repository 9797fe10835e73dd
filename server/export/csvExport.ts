import { AxisCellCache, scoreCells, type ExportItem } from '../store';
import { writingBuiltLines, type LineFormat } from './builtLineItems';
import { csvCellText } from '../summary';
import { accuracyCells, answerCells, csvHeader, questionCells, ratingCells, ratingCellsAround, type CsvLayout } from './csvColumns';
import type { ExportPlan } from './plan';
import { forEachRatedAnswer, QuestionPart } from './ratingRecords';
import { ratingAccuracy, ratingFields } from './ratingRecord';
import type { AnswerScoring } from './scoreCache';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/** RFC 4180 ends records with CRLF; line breaks inside quoted fields stay as they are in the text. */
const RECORD_END = '\r\n';

/**
 * The JSONL records flattened, one row per rating, one column per rubric axis, a header row first. Most rows
 * come built by SQLite (server/store/queries/csvLines.ts) and are written as they are; for the others, the
 * cells an answer's ratings share are formatted once per answer.
 */
export async function writeCsv(
  items: AsyncIterable<ExportItem>,
  plan: ExportPlan,
  layout: CsvLayout,
  sink: TextSink,
  counts: ExportCounts,
  scoring: AnswerScoring,
): Promise<void> {
  const row = (cells: readonly Parameters<typeof csvCellText>[0][]) => cells.map(csvCellText).join(',');
  await sink.write(csvHeader(layout).map(csvCellText).join(',') + RECORD_END);
  const stream = writingBuiltLines(items, sink, counts, scoring, builtRowFormat(layout));
  const questionPart = new QuestionPart((parts) => `,${row(questionCells(parts))}`);
  await forEachRatedAnswer(stream, plan, counts, scoring, async ({ entry, scores, parts, ratings }) => {
    // Encoded once per question and once per answer: most of a row's bytes, the same for each of the
    // answer's raters.
    const question = questionPart.bytes(parts);
    const shared = Buffer.from(`,${row(answerCells(parts, layout))},`, 'utf8');
    for (const r of ratings) {
      await sink.write(row(ratingCells(ratingFields(r), layout)));
      await sink.write(question);
      await sink.write(shared);
      await sink.write(`${row(accuracyCells(ratingAccuracy(entry, scores, r)))}${RECORD_END}`);
      counts.written++;
    }
  });
}

/** A built row's rating cells (its axis cells made once per combination of values) and score cells. */
function builtRowFormat(layout: CsvLayout): LineFormat {
  const axes = new AxisCellCache(layout.axisIds);
  const cells = (list: readonly Parameters<typeof csvCellText>[0][]) => list.map(csvCellText).join(',');
  return {
    rating: ({ rating, values }) => {
      const { before, after } = ratingCellsAround(ratingFields({ ...rating, values: {} }));
      return `${cells(before)},${axes.cells(values)},${cells(after)}`;
    },
    scores: (scores) => scoreCells(scores, layout.rougeTypes),
  };
}
