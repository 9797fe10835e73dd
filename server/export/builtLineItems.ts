import { isBuiltLines, isExportQuestion, type BuiltLines, type CellHole, type ExportItem, type ExportQuestion } from '../store';
import { BELOW_MIN_RATERS } from './answerRatings';
import { countSkip } from './counts';
import type { AnswerScoring } from './scoreCache';
import type { TextSink } from './textSink';
import type { ExportCounts } from './types';

/** Makes the cells that go into a hole the reader left in built lines (CSV). */
export type HoleCells = (hole: CellHole) => Uint8Array;

/**
 * Writes the lines SQLite built, with `cells` in their holes, counting what they hold, and passes the other
 * questions on.
 */
export async function* writingBuiltLines(
  items: AsyncIterable<ExportItem>,
  sink: TextSink,
  counts: ExportCounts,
  scoring: AnswerScoring,
  cells?: HoleCells,
): AsyncGenerator<ExportQuestion> {
  for await (const item of items) {
    if (isExportQuestion(item)) {
      yield item;
      continue;
    }
    if (!isBuiltLines(item)) throw new Error('internal: a tally made without being asked for');
    await writeLines(item, sink, cells);
    counts.questions += item.questions;
    counts.answers += item.answers;
    counts.ratings += item.ratings;
    counts.written += item.written;
    countSkip(counts, BELOW_MIN_RATERS, item.belowMinRaters);
    scoring.cached += item.scored;
  }
}

async function writeLines(item: BuiltLines, sink: TextSink, cells: HoleCells | undefined): Promise<void> {
  if (!item.holes) return sink.write(item.lines);
  if (!cells) throw new Error('internal: lines with holes and nothing to fill them');
  let from = 0;
  for (const hole of item.holes) {
    await sink.write(item.lines.subarray(from, hole.at));
    await sink.write(cells(hole));
    from = hole.at;
  }
  await sink.write(item.lines.subarray(from));
}
