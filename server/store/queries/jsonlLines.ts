import type { Connection, SqlParam } from '../sqlite/connection';
import { readNumber, readText, utf8 } from '../sqlite/text';
import { partSql } from './exportRows';

/**
 * The JSONL export's lines built by SQLite itself, as UTF-8 bytes: the same bytes as
 * server/export/jsonlExport.ts writes from the store's objects (ExportedRating, ratingRecord.ts, in its key
 * order), without decoding, parsing, cloning and re-encoding every row in JavaScript, which was three
 * quarters of a large export's time. Keep the two in step; the export tests compare them byte for byte.
 *
 * A part SQLite cannot build exactly comes back NULL (its guard, the CASE around it, is false), and its
 * question is then read and formatted the ordinary way: an answer without cached scores, or whose texts
 * SQLite cannot cut (`plain_text`, exportRows.ts), a value the part needs missing from the cached scores, a
 * JSON column that is not what the store writes (a hand edit), a date outside years 1970-9999.
 *
 * The parts are joined with concat(), which allocates once per part, not with `||`, which copies the string
 * built so far at every step (measured: a third of the ratings query's time). concat() reads NULL as '', so
 * the guards, not NULL propagation, keep a part from being built from a missing value.
 */

/** What the lines are made of; the texts are null without `texts`, as in ExportOptions.texts. */
export interface JsonlLinesFilter {
  scorer: string;
  texts: boolean;
  minRaters: number;
  rubricKey?: string;
}

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
}

/** Whether a JSON column is NULL or the JSON type the store writes there. */
function jsonIs(column: string, type: 'object' | 'array'): string {
  return `(${column} IS NULL OR (json_valid(${column}) AND json_type(${column}) = '${type}'))`;
}

/** A JSON column guarded by jsonIs: minified, or `null`. */
const jsonOf = (column: string): string => `IFNULL(json(${column}), 'null')`;

/** The millisecond times Date.prototype.toISOString() writes with four-digit years: 1970-9999. */
const isoable = (ms: string): string => `${ms} BETWEEN 0 AND 253402300799999`;

/** concat() arguments of Date.prototype.toISOString() of a millisecond time, quoted; guarded by isoable. */
const iso = (ms: string): string => `'"', strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch'), '.', substr(1000 + ${ms} % 1000, 2), 'Z"'`;

/**
 * A rating's own fields: the line's start, up to its question (RatingFields), in the order of the lines: by
 * answer, then rater name and rubric key (in code point order, as server/store/queries/exportSnapshot.ts
 * orders them). Parameters: ?1 question ids, ?2 rubric key.
 */
function ratingsSql(rubric: boolean): string {
  const guard = `json_valid(r.axis_values) AND json_type(r.axis_values) = 'object' AND ${isoable('r.created_at')} AND ${isoable('r.updated_at')}`;
  const part = `concat('{"ratingId":', json_quote(r.uid), ',"rater":', json_quote(rt.name),
    ',"rubric":{"key":', json_quote(r.rubric_key), ',"version":', json_quote(rv.version), ',"hash":', json_quote(rv.hash),
    '},"values":', json(r.axis_values), ',"overall":', IFNULL(r.overall, 'null'), ',"comment":', json_quote(r.comment),
    ',"blind":', IIF(r.blind = 1, 'true', 'false'), ',"shownPosition":', IFNULL(r.shown_position, 'null'), ',"revision":', r.revision,
    ',"createdAt":', ${iso('r.created_at')}, ',"updatedAt":', ${iso('r.updated_at')})`;
  return `SELECT r.answer_id AS answer, r.rater_id AS rater, CASE WHEN ${guard} THEN CAST(${part} AS BLOB) END AS part
  FROM answers a JOIN ratings r ON r.answer_id = a.id JOIN raters rt ON rt.id = r.rater_id JOIN rubric_versions rv ON rv.id = r.rubric_version_id
  WHERE a.question_id IN (SELECT value FROM json_each(?1))${rubric ? ' AND r.rubric_key = CAST(?2 AS TEXT)' : ''}
  ORDER BY r.answer_id, rt.name, r.rubric_key`;
}

/** The question and reference, `,"question":{...},"reference":...`. Parameters: ?1 question ids. */
function questionsSql(texts: boolean): string {
  const text = (column: string): string => (texts ? `json_quote(${column})` : `'null'`);
  const sets = `(SELECT json_group_array(name) FROM (SELECT s.name AS name FROM set_questions sq JOIN question_sets s ON s.id = sq.set_id
    WHERE sq.question_id = q.id ORDER BY s.name))`;
  const guard = `${jsonIs('qt.options', 'object')}${texts ? ` AND ${jsonIs('qt.context', 'array')}` : ''}`;
  const reference = `IIF(qr.answer IS NULL, 'null', concat('{"answer":', ${text('qr.answer')}, ',"reasoning":', ${text('qr.reasoning')},
    ',"label":', json_quote(qr.label), '}'))`;
  const part = `concat(',"question":{"uid":', json_quote(q.uid), ',"datasetId":', json_quote(q.ext_id), ',"sets":', ${sets},
    ',"kind":', json_quote(q.kind), ',"text":', ${text('qt.text')}, ',"options":', ${jsonOf('qt.options')},
    ',"context":', ${texts ? jsonOf('qt.context') : `'null'`}, '},"reference":', ${reference})`;
  return `SELECT q.id AS id, CASE WHEN ${guard} THEN CAST(${part} AS BLOB) END AS part
  FROM questions q JOIN question_texts qt ON qt.question_id = q.id LEFT JOIN question_references qr ON qr.question_id = q.id
  WHERE q.id IN (SELECT value FROM json_each(?1))`;
}

/** Whether a field of a generated answer applies: the others leave it null (ratingRecord.ts's `g?.`). */
const GENERATED = `a.origin = 'generation'`;

/** A value of the cached scores as JSON, and whether it is there. */
const score = (path: string): string => `(s.scores -> '$.${path}')`;
const hasScore = (path: string): string => `json_type(s.scores, '$.${path}') IS NOT NULL`;
const ACCURACY_FIELDS = ['verdict', 'extraction.choice', 'graded', 'label', 'overridden'];

/**
 * What an answer's part needs: cached scores of texts SQLite can cut (`plain_text`) with every value the part
 * reads, and JSON columns and split flags as the store writes them.
 */
const ANSWER_GUARD = `s.plain_text = 1 AND json_valid(s.scores) AND json_type(s.scores, '$.rouge') = 'object'
    AND ${hasScore('rouge.answer')} AND ${hasScore('rouge.reasoning')}
    AND (json_type(s.scores, '$.accuracy') = 'null' OR (${ACCURACY_FIELDS.map((f) => hasScore(`accuracy.${f}`)).join(' AND ')}))
    AND ${jsonIs('a.params', 'object')} AND ${jsonIs('a.timings', 'object')} AND (NOT ${GENERATED} OR ${jsonIs('a.usage', 'object')})
    AND (a.split_flags = '' OR a.split_flags NOT GLOB '*[^a-z,-]*')`;

/**
 * The end of an answer's lines, `,"answer":{...},"generation":{...},"rouge":{...},"accuracy":...}` and a line
 * feed: the accuracy is the one without a rater's correction (answers with one are never built). Parameters:
 * ?1 answer ids, ?2 scorer.
 */
function answersSql(texts: boolean): string {
  const text = (p: 'answer' | 'reasoning'): string => (texts ? `json_quote(${partSql(p)})` : `'null'`);
  const flags = `IIF(a.split_flags = '', '[]', concat('["', replace(a.split_flags, ',', '","'), '"]'))`;
  const generated = (value: string): string => `IIF(${GENERATED}, ${value}, 'null')`;
  const source = `IIF(f.path IS NULL, 'null', concat('{"file":', json_quote(f.path), ',"line":', IFNULL(a.source_line, 0), '}'))`;
  const accuracy = `IIF(json_type(s.scores, '$.accuracy') = 'null', 'null', concat('{"verdict":', ${score('accuracy.verdict')},
    ',"extracted":', ${score('accuracy.extraction.choice')}, ',"graded":', ${score('accuracy.graded')},
    ',"label":', ${score('accuracy.label')}, ',"overridden":', ${score('accuracy.overridden')}, '}'))`;
  const part = `concat(',"answer":{"uid":', json_quote(a.uid), ',"model":', json_quote(a.model), ',"text":', ${text('answer')},
    ',"reasoning":', ${text('reasoning')}, ',"thinkState":', json_quote(a.think_state), ',"splitFlags":', ${flags},
    ',"origin":', json_quote(a.origin), ',"source":', ${source},
    '},"generation":{"params":', ${jsonOf('a.params')}, ',"endpoint":', ${generated(`json_quote(IFNULL(a.endpoint, ''))`)},
    ',"modelId":', ${generated('json_quote(a.model_id)')}, ',"templateHash":', ${generated('json_quote(a.template_hash)')},
    ',"templateName":', ${generated('json_quote(t.name)')}, ',"usage":', ${generated(jsonOf('a.usage'))},
    ',"timings":', ${jsonOf('a.timings')}, ',"finishReason":', json_quote(a.finish_reason),
    ',"incomplete":', IIF(${GENERATED} AND a.incomplete = 1, 'true', 'false'),
    '},"rouge":{"answer":', ${score('rouge.answer')}, ',"reasoning":', ${score('rouge.reasoning')}, '},"accuracy":', ${accuracy}, '}', char(10))`;
  const guard = texts ? `${ANSWER_GUARD} AND x.answer_id IS NOT NULL` : ANSWER_GUARD;
  return `SELECT a.id AS id, a.question_id AS question, CAST(a.uid AS BLOB) AS uid, CASE WHEN ${guard} THEN CAST(${part} AS BLOB) END AS part
  FROM answers a LEFT JOIN source_files f ON f.id = a.source_file_id LEFT JOIN templates t ON t.hash = a.template_hash
  LEFT JOIN answer_scores s ON s.answer_id = a.id AND s.scorer = ?2${texts ? ' LEFT JOIN answer_texts x ON x.answer_id = a.id' : ''}
  WHERE a.id IN (SELECT value FROM json_each(?1)) ORDER BY a.id`;
}

interface RatingPart {
  /** Row id: the same rater has the same one. */
  rater: number;
  part: Uint8Array | null;
}

interface AnswerPart {
  question: number;
  uid: string;
  /** The end of each of its lines. */
  part: Uint8Array | null;
  ratings: RatingPart[];
}

/** An answer SQLite built every part of. */
interface BuiltAnswer extends AnswerPart {
  part: Uint8Array;
  ratings: (RatingPart & { part: Uint8Array })[];
}

function isBuilt(a: AnswerPart, corrected: ReadonlySet<string>): a is BuiltAnswer {
  return a.part !== null && !corrected.has(a.uid) && a.ratings.every((r) => r.part !== null);
}

/** One question's lines, as pieces to be copied once into the buffer of a run of questions (joinLines). */
export interface QuestionLines extends Omit<BuiltLines, 'lines'> {
  pieces: Uint8Array[];
}

const asBytes = (value: unknown): Uint8Array | null => (value instanceof Uint8Array ? value : null);

/**
 * The lines of the questions among `ids` (row ids) that SQLite can build, by question id, and the ids of the
 * questions that have ratings. A rated question missing from `built` is to be read the ordinary way: SQLite
 * could not build one of its parts, or one of its answers is in `corrected` (its accuracy then differs per
 * rater).
 */
export function jsonlLines(c: Connection, ids: readonly number[], f: JsonlLinesFilter, corrected: ReadonlySet<string>): { built: Map<number, QuestionLines>; rated: Set<number> } {
  const params: SqlParam[] = [JSON.stringify(ids)];
  if (f.rubricKey !== undefined) params.push(utf8(f.rubricKey));
  const ratings = new Map<number, RatingPart[]>();
  for (const row of c.all(ratingsSql(f.rubricKey !== undefined), params)) {
    const answer = readNumber(row.answer);
    const rating: RatingPart = { rater: readNumber(row.rater), part: asBytes(row.part) };
    const list = ratings.get(answer);
    if (list) list.push(rating);
    else ratings.set(answer, [rating]);
  }
  const byQuestion = new Map<number, AnswerPart[]>();
  for (const row of c.all(answersSql(f.texts), [JSON.stringify([...ratings.keys()]), f.scorer])) {
    const a: AnswerPart = { question: readNumber(row.question), uid: readText(row.uid), part: asBytes(row.part), ratings: ratings.get(readNumber(row.id)) ?? [] };
    const list = byQuestion.get(a.question);
    if (list) list.push(a);
    else byQuestion.set(a.question, [a]);
  }
  const buildable = new Map<number, BuiltAnswer[]>();
  for (const [id, answers] of byQuestion) if (answers.every((a): a is BuiltAnswer => isBuilt(a, corrected))) buildable.set(id, answers);
  const built = new Map<number, QuestionLines>();
  if (buildable.size > 0) {
    for (const row of c.all(questionsSql(f.texts), [JSON.stringify([...buildable.keys()])])) {
      const id = readNumber(row.id);
      const part = asBytes(row.part);
      const answers = buildable.get(id);
      if (part && answers) built.set(id, linesOf(part, answers, f.minRaters));
    }
  }
  return { built, rated: new Set(byQuestion.keys()) };
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
      out.pieces.push(r.part, question, a.part);
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
    for (const p of q.pieces) size += p.length;
  }
  out.lines = new Uint8Array(size);
  let at = 0;
  for (const q of run) {
    for (const p of q.pieces) {
      out.lines.set(p, at);
      at += p.length;
    }
  }
  return out;
}
