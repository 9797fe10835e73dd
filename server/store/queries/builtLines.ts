import type { Connection, Row, SqlParam } from '../sqlite/connection';
import { readNumber, readText, utf8 } from '../sqlite/text';
import type { LinesSql } from './lineParts';

/**
 * Export lines built by SQLite (jsonlLines.ts, csvLines.ts), put together here: each line is a rating's
 * part, its question's and its answer's (which ends the line). Per chunk, three queries:
 * - ratings (?1 question ids, ?2 rubric key): `answer`, `rater` (row ids) and `part`, in line order: the
 *   rating's tuple that the writing thread formats (builtRatings.ts), the same for both formats;
 * - answers (?1 answer ids, ?2 scorer): `id`, `question`, `uid`, `part`, by id (for CSV also `scores`, the
 *   cached scores, LinesFilter.scoreCells; for CSV with texts, `part` ends before the final answer's cell and
 *   `answer`, `reasoning` and `rest` follow: the two texts as they are, and the cells after them,
 *   LinesFilter.rawTexts);
 * - questions (?1 question ids): `id`, `part`.
 * A NULL answer or question part (lineParts.ts) makes its question one to read the ordinary way.
 *
 * The lines cross to the writing thread as each part once (BuiltLines.parts) and the list of pieces each line
 * is made of (BuiltLines.pieces); the writer copies them into its output (server/export/builtLineItems.ts).
 * Joining them here instead cost the reader, the busier thread, 0.85 s of a 300,000-rating JSONL export:
 * a question's and an answer's part, most of a line's bytes, are in every line of their ratings.
 */

/** Which ratings and scores the lines are made of. */
export interface LinesFilter {
  scorer: string;
  minRaters: number;
  rubricKey?: string;
  /** CSV: an answer's part is followed by its cached scores, which the writer makes the cells that end its rows of. */
  scoreCells?: boolean;
  /** CSV with texts: an answer's final answer and reasoning come as they are, for the writer to make cells of. */
  rawTexts?: boolean;
}

/**
 * What a piece of built lines is (BuiltLines.pieces): bytes to copy as they are, a rating's part
 * (builtRatings.ts) or an answer's cached scores (LinesFilter.scoreCells; JSON), both to format, or a text to
 * write as a CSV cell (LinesFilter.rawTexts). Quoting a text for CSV cost SQLite, on the busier thread, 2 s
 * of a CSV export with texts; the writer does it with a few scans for bytes (server/export/csvCellBytes.ts).
 */
export const LinePiece = { bytes: 0, rating: 1, scores: 2, csvText: 3 } as const;
export type LinePieceKind = (typeof LinePiece)[keyof typeof LinePiece];

/** Lines of questions that SQLite could build, with what the export counts of them. */
export interface BuiltLines {
  /** Each part of the lines once, as UTF-8 bytes. */
  parts: Uint8Array;
  /** The lines, in order, as pieces of `parts`: a (LinePieceKind, start, end) triple each. */
  pieces: Int32Array;
  questions: number;
  /** Rated answers read, those left out for too few raters, and ratings read. */
  answers: number;
  belowMinRaters: number;
  ratings: number;
  /** Lines written, and answers whose cached scores they carry. */
  written: number;
  scored: number;
}

interface Piece {
  kind: LinePieceKind;
  bytes: Uint8Array;
}

interface RatingPart {
  /** Row id: the same rater has the same one. */
  rater: number;
  part: Piece;
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
}

function isBuilt(a: AnswerPart, corrected: ReadonlySet<string>): a is BuiltAnswer {
  return a.part !== null && !corrected.has(a.uid);
}

/** One question's lines, as pieces to be copied once each into the parts of a run of questions (joinLines). */
export interface QuestionLines extends Omit<BuiltLines, 'parts' | 'pieces'> {
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
    const rating: RatingPart = { rater: readNumber(row.rater), part: { kind: LinePiece.rating, bytes: asBytes(row.part) ?? new Uint8Array(0) } };
    const list = ratings.get(answer);
    if (list) list.push(rating);
    else ratings.set(answer, [rating]);
  }
  const byQuestion = new Map<number, AnswerPart[]>();
  for (const row of c.all(sql.answers, [JSON.stringify([...ratings.keys()]), f.scorer])) {
    const a: AnswerPart = { question: readNumber(row.question), uid: readText(row.uid), part: answerPieces(row, f), ratings: ratings.get(readNumber(row.id)) ?? [] };
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
      if (part && answers) built.set(id, linesOf({ kind: LinePiece.bytes, bytes: part }, answers, f.minRaters));
    }
  }
  return { built, rated: new Set(byQuestion.keys()) };
}

const COMMA = Uint8Array.of(0x2c);

/**
 * An answer's part (with its texts between, LinesFilter.rawTexts), followed by its cached scores where the
 * format makes cells of them (CSV).
 */
function answerPieces(row: Row, f: LinesFilter): Piece[] | null {
  const part = asBytes(row.part);
  if (!part) return null;
  const pieces: Piece[] = [{ kind: LinePiece.bytes, bytes: part }];
  if (f.rawTexts) {
    const text = (value: unknown): Piece => ({ kind: LinePiece.csvText, bytes: asBytes(value) ?? new Uint8Array(0) });
    pieces.push(text(row.answer), { kind: LinePiece.bytes, bytes: COMMA }, text(row.reasoning), { kind: LinePiece.bytes, bytes: asBytes(row.rest) ?? new Uint8Array(0) });
  }
  if (f.scoreCells) pieces.push({ kind: LinePiece.scores, bytes: asBytes(row.scores) ?? new Uint8Array(0) });
  return pieces;
}

/** One question's lines: each kept answer's ratings, in the order read. */
function linesOf(question: Piece, answers: readonly BuiltAnswer[], minRaters: number): QuestionLines {
  const out: QuestionLines = { pieces: [], questions: 1, answers: answers.length, belowMinRaters: 0, ratings: 0, written: 0, scored: 0 };
  for (const a of answers) {
    out.ratings += a.ratings.length;
    if (new Set(a.ratings.map((r) => r.rater)).size < minRaters) {
      out.belowMinRaters++;
      continue;
    }
    out.scored++;
    for (const r of a.ratings) {
      out.pieces.push(r.part, question, ...a.part);
      out.written++;
    }
  }
  return out;
}

/**
 * A run of questions' lines: each part copied once into one buffer of its own (not a slice of Node's pool, so
 * it can be handed to another thread without a copy), and the pieces of every line.
 */
export function joinLines(run: readonly QuestionLines[]): BuiltLines {
  const out: BuiltLines = { parts: new Uint8Array(0), pieces: new Int32Array(0), questions: 0, answers: 0, belowMinRaters: 0, ratings: 0, written: 0, scored: 0 };
  const at = new Map<Uint8Array, number>();
  let size = 0;
  let pieces = 0;
  for (const q of run) {
    out.questions += q.questions;
    out.answers += q.answers;
    out.belowMinRaters += q.belowMinRaters;
    out.ratings += q.ratings;
    out.written += q.written;
    out.scored += q.scored;
    pieces += q.pieces.length;
    for (const p of q.pieces) {
      if (at.has(p.bytes)) continue;
      at.set(p.bytes, size);
      size += p.bytes.length;
    }
  }
  out.parts = Buffer.allocUnsafeSlow(size);
  for (const [bytes, from] of at) out.parts.set(bytes, from);
  out.pieces = new Int32Array(pieces * 3);
  let i = 0;
  for (const q of run) {
    for (const p of q.pieces) {
      const from = at.get(p.bytes) ?? 0;
      out.pieces[i++] = p.kind;
      out.pieces[i++] = from;
      out.pieces[i++] = from + p.bytes.length;
    }
  }
  return out;
}
