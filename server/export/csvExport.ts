import { axisCellsText, scoreCells, type ExportItem } from '../store';
import { ratingDates, writingBuiltLines, type LineFormat } from './builtLineItems';
import { csvCellText } from '../summary';
import { accuracyCells, answerCells, csvHeader, questionCells, ratingCells, type CsvLayout } from './csvColumns';
import type { ExportPlan } from './plan';
import { forEachRatedAnswer, QuestionPart } from './ratingRecords';
import { ratingAccuracy, ratingFields } from './ratingRecord';
import type { AnswerScoring } from './scoreCache';
import { TextMemo } from './textMemo';
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

/**
 * A built row's rating cells: those of ratingCells(ratingFields(...)) (the export tests compare the two),
 * written out here because building the objects and arrays took the writing thread, CSV's busier one, 1.7 s
 * for 300,000 ratings. Axis cells are made once per combination of values, score cells once per answer.
 */
function builtRowFormat(layout: CsvLayout): LineFormat {
  const axes = new TextMemo((values) => axisCellsText(values, layout.axisIds));
  const c = csvCellText;
  const iso = (ms: number): string => c(new Date(ms).toISOString());
  return {
    rating: ({ rating: r, values }) => {
      const [created, updated] = ratingDates(r, iso);
      return (
        `${c(r.uid)},${c(r.rater)},${c(r.rubricKey)},${c(r.rubricVersion)},${c(r.rubricHash)},${axes.get(values)}` +
        `,${c(r.overall)},${c(r.comment)},${c(r.blind)},${c(r.shownPosition)},${c(r.revision)},${created},${updated}`
      );
    },
    scores: (scores) => scoreCells(scores, layout.rougeTypes),
  };
}
