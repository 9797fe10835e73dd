import { isBuiltLines, isExportQuestion, LinePiece, readBuiltRating, type BuiltLines, type BuiltRating, type ExportItem, type ExportQuestion } from '../store';
import { BELOW_MIN_RATERS } from './answerRatings';
import { countSkip } from './counts';
import type { AnswerScoring } from './scoreCache';
import { LineChunks } from './lineChunks';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/** What the writer makes of built lines' pieces (LinePiece): a rating's part, and (CSV) an answer's score cells. */
export interface LineFormat {
  rating(r: BuiltRating): string;
  /** From the cached scores (JSON text); made once per answer, though in each of its ratings' lines. */
  scores?(scores: string): string;
}

/** A rating's two dates as `format` writes them, the second not formatted again when equal (most ratings never change). */
export function ratingDates(r: { createdAt: number; updatedAt: number }, format: (ms: number) => string): [string, string] {
  const created = format(r.createdAt);
  return [created, r.updatedAt === r.createdAt ? created : format(r.updatedAt)];
}

/**
 * Writes the lines SQLite built, with the parts `format` makes, counting what they hold, and passes the other
 * questions on (after what came before them is written).
 */
export async function* writingBuiltLines(items: AsyncIterable<ExportItem>, sink: TextSink, counts: ExportCounts, scoring: AnswerScoring, format: LineFormat): AsyncGenerator<ExportQuestion> {
  const out = new LineChunks();
  for await (const item of items) {
    if (isExportQuestion(item)) {
      await out.writeTo(sink, true);
      yield item;
      continue;
    }
    if (!isBuiltLines(item)) throw new Error('internal: a tally made without being asked for');
    putLines(item, out, format);
    await out.writeTo(sink, false);
    counts.questions += item.questions;
    counts.answers += item.answers;
    counts.ratings += item.ratings;
    counts.written += item.written;
    countSkip(counts, BELOW_MIN_RATERS, item.belowMinRaters);
    scoring.cached += item.scored;
  }
  await out.writeTo(sink, true);
}

function putLines(item: BuiltLines, out: LineChunks, format: LineFormat): void {
  const parts = Buffer.from(item.parts.buffer, item.parts.byteOffset, item.parts.byteLength);
  const p = item.pieces;
  let scoresAt = -1;
  let scores = '';
  for (let i = 0; i < p.length; i += 3) {
    const kind = p[i];
    const start = p[i + 1] ?? 0;
    const end = p[i + 2] ?? 0;
    if (kind === LinePiece.bytes) out.bytes(parts, start, end);
    else if (kind === LinePiece.rating) out.text(format.rating(readBuiltRating(parts.subarray(start, end))));
    else if (kind === LinePiece.csvText) out.csvCell(parts.subarray(start, end));
    else {
      if (!format.scores) throw new Error('internal: cached scores in lines of a format without score cells');
      // An answer's pieces are the same bytes in each of its ratings' lines.
      if (start !== scoresAt) scores = format.scores(parts.toString('utf8', start, end));
      scoresAt = start;
      out.text(scores);
    }
  }
}
