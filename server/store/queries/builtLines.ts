import type { Connection, Row, SqlParam } from '../sqlite/connection';
import { readNumber, readText, utf8 } from '../sqlite/text';
import type { LinesSql } from './lineParts';

/**
 * Export lines built by SQLite (jsonlLines.ts, csvLines.ts), put together here: each line is a rating's
 * part, its question's and its answer's (which ends the line), copied as bytes. Per chunk, three queries:
 * - ratings (?1 question ids, ?2 rubric key): `answer`, `rater` (row ids) and `part`, in line order (for
 *   CSV with the axis values between two U+0001 marks, LinesFilter.cellHoles);
 * - answers (?1 answer ids, ?2 scorer): `id`, `question`, `uid`, `part`, by id (for CSV also `scores`, the
 *   cached scores, LinesFilter.cellHoles);
 * - questions (?1 question ids): `id`, `part`.
 * A NULL part (lineParts.ts) makes its question one to read the ordinary way.
 */

/** Which ratings and scores the lines are made of. */
export interface LinesFilter {
  scorer: string;
  minRaters: number;
  rubricKey?: string;
  /**
   * CSV: leave holes (CellHole) for the cells the writer makes: a rating's axis cells, from the axis values
   * marked in its part, and the cells that end an answer's part, from its cached `scores`.
   */
  cellHoles?: boolean;
}

/**
 * Where the writing thread puts cells in (server/export/builtLineItems.ts): the axis cells of axis values
 * (`axes`, JSON text) or the score cells of cached scores (`scores`). Made there, not on the reader thread,
 * which is the busier one: SQLite would take longer still (a JSON lookup per cell).
 */
export interface CellHole {
  kind: 'axes' | 'scores';
  text: string;
  /** Byte offset in BuiltLines.lines. */
  at: number;
}

type Piece = Uint8Array | Omit<CellHole, 'at'>;

/** Lines of questions that SQLite could build, with what the export counts of them. */
export interface BuiltLines {
  /** Whole lines, each ending in a line feed. */
  lines: Uint8Array;
  questions: number;
  /** Rated answers read, those left out for too few raters, and ratings read. */
  answers: number;
  belowMinRaters: number;
  ratings: number;
  /** Lines written, and answers whose cached scores they carry. */
  written: number;
  scored: number;
  /** Cells still to put in, in order of their offsets (LinesFilter.cellHoles). */
  holes?: CellHole[];
}

interface RatingPart {
  /** Row id: the same rater has the same one. */
  rater: number;
  /** The part as pieces; null when it is not built. */
  part: Piece[] | null;
}

interface AnswerPart {
  question: number;
  uid: string;
  /** The end of each of its lines, as pieces; null when it is not built. */
  part: Piece[] | null;
  ratings: RatingPart[];
}

/** An answer SQLite built every part of. */
interface BuiltAnswer extends AnswerPart {
  part: Piece[];
  ratings: (RatingPart & { part: Piece[] })[];
}

function isBuilt(a: AnswerPart, corrected: ReadonlySet<string>): a is BuiltAnswer {
  return a.part !== null && !corrected.has(a.uid) && a.ratings.every((r) => r.part !== null);
}

/** One question's lines, as pieces to be copied once into the buffer of a run of questions (joinLines). */
export interface QuestionLines extends Omit<BuiltLines, 'lines' | 'holes'> {
  pieces: Piece[];
}

const asBytes = (value: unknown): Uint8Array | null => (value instanceof Uint8Array ? value : null);

/**
 * The lines of the questions among `ids` (row ids) that SQLite can build, by question id, and the ids of the
 * questions that have ratings. A rated question missing from `built` is to be read the ordinary way: SQLite
 * could not build one of its parts, or one of its answers is in `corrected` (its accuracy then differs per
 * rater).
 */
export function buildLines(c: Connection, ids: readonly number[], sql: LinesSql, f: LinesFilter, corrected: ReadonlySet<string>): { built: Map<number, QuestionLines>; rated: Set<number> } {
  const params: SqlParam[] = [JSON.stringify(ids)];
  if (f.rubricKey !== undefined) params.push(utf8(f.rubricKey));
  const ratings = new Map<number, RatingPart[]>();
  for (const row of c.all(sql.ratings, params)) {
    const answer = readNumber(row.answer);
    const rating: RatingPart = { rater: readNumber(row.rater), part: ratingPieces(row, f.cellHoles === true) };
    const list = ratings.get(answer);
    if (list) list.push(rating);
    else ratings.set(answer, [rating]);
  }
  const byQuestion = new Map<number, AnswerPart[]>();
  for (const row of c.all(sql.answers, [JSON.stringify([...ratings.keys()]), f.scorer])) {
    const a: AnswerPart = { question: readNumber(row.question), uid: readText(row.uid), part: answerPieces(row, f.cellHoles === true), ratings: ratings.get(readNumber(row.id)) ?? [] };
    const list = byQuestion.get(a.question);
    if (list) list.push(a);
    else byQuestion.set(a.question, [a]);
  }
  const buildable = new Map<number, BuiltAnswer[]>();
  for (const [id, answers] of byQuestion) if (answers.every((a): a is BuiltAnswer => isBuilt(a, corrected))) buildable.set(id, answers);
  const built = new Map<number, QuestionLines>();
  if (buildable.size > 0) {
    for (const row of c.all(sql.questions, [JSON.stringify([...buildable.keys()])])) {
      const id = readNumber(row.id);
      const part = asBytes(row.part);
      const answers = buildable.get(id);
      if (part && answers) built.set(id, linesOf(part, answers, f.minRaters));
    }
  }
  return { built, rated: new Set(byQuestion.keys()) };
}

/** A rating's part, with a hole for its axis cells where the format has one (CSV: between two U+0001). */
function ratingPieces(row: Row, holes: boolean): Piece[] | null {
  const part = asBytes(row.part);
  if (!part || !holes) return part && [part];
  const from = part.indexOf(1);
  const to = part.indexOf(1, from + 1);
  return [part.subarray(0, from), { kind: 'axes', text: Buffer.from(part.buffer, part.byteOffset + from + 1, to - from - 1).toString('utf8') }, part.subarray(to + 1)];
}

/** An answer's part, with a hole for the cells of its scores at its end where the format has one (CSV). */
function answerPieces(row: Row, holes: boolean): Piece[] | null {
  const part = asBytes(row.part);
  if (!part || !holes) return part && [part];
  return [part, { kind: 'scores', text: readText(row.scores) }];
}

/** One question's lines: each kept answer's ratings, in the order read. */
function linesOf(question: Uint8Array, answers: readonly BuiltAnswer[], minRaters: number): QuestionLines {
  const out: QuestionLines = { pieces: [], questions: 1, answers: answers.length, belowMinRaters: 0, ratings: 0, written: 0, scored: 0 };
  for (const a of answers) {
    out.ratings += a.ratings.length;
    if (new Set(a.ratings.map((r) => r.rater)).size < minRaters) {
      out.belowMinRaters++;
      continue;
    }
    out.scored++;
    for (const r of a.ratings) {
      out.pieces.push(...r.part, question, ...a.part);
      out.written++;
    }
  }
  return out;
}

/**
 * A run of questions' lines in one buffer of its own (not a slice of Node's pool), so it can be handed to
 * another thread without a copy.
 */
export function joinLines(run: readonly QuestionLines[]): BuiltLines {
  const out: BuiltLines = { lines: new Uint8Array(0), questions: 0, answers: 0, belowMinRaters: 0, ratings: 0, written: 0, scored: 0 };
  let size = 0;
  for (const q of run) {
    out.questions += q.questions;
    out.answers += q.answers;
    out.belowMinRaters += q.belowMinRaters;
    out.ratings += q.ratings;
    out.written += q.written;
    out.scored += q.scored;
    for (const p of q.pieces) if (p instanceof Uint8Array) size += p.length;
  }
  out.lines = new Uint8Array(size);
  const holes: CellHole[] = [];
  let at = 0;
  for (const q of run) {
    for (const p of q.pieces) {
      if (!(p instanceof Uint8Array)) {
        holes.push({ ...p, at });
        continue;
      }
      out.lines.set(p, at);
      at += p.length;
    }
  }
  if (holes.length > 0) out.holes = holes;
  return out;
}
