import type { Connection, SqlParam } from '../sqlite/connection';
import { readNumber, utf8 } from '../sqlite/text';
import type { ChoiceOverride } from '../types';

/**
 * What the per-model summary reads of a chunk's ratings and rated answers, and nothing more, as two JSON
 * arrays that SQLite writes (ExportStreamFilter.summary): no texts, no rating metadata, no per-row objects.
 * Read as objects, the chunks kept the reader thread busy 7 s for 300,000 ratings, against 1.7 s this way.
 * One aggregate per query suffices because nothing depends on SQLite's order: the rows are sorted after
 * parsing (export/summaryRowChunk.ts).
 *
 * `ratings`: one `SummaryRatingRow` per rating under the rubric key; `answers`: one `SummaryAnswerRow` per
 * answer with such a rating, holding its cached scores (the scorer's JSON, as stored); `overrides`: the
 * choice corrections of those answers (of the export's moment).
 */
export interface SummaryRows {
  summary: { ratings: Uint8Array; answers: Uint8Array; overrides: Record<string, ChoiceOverride[]> };
}

/** [question row id, answer row id, rater, axis values, overall score]. */
export type SummaryRatingRow = [number, number, string, unknown, number | null];

/**
 * [answer row id, answer uid, question uid, model, cached scores (null when none)]: what a rating's answer
 * says of it, once per answer rather than in each of its ratings.
 */
export type SummaryAnswerRow = [number, string, string, string, unknown];

export interface SummaryRowsFilter {
  rubricKey: string;
  scorer: string;
  /** Answers rated by fewer raters are left out of the summary, and need no scores. */
  minRaters: number;
}

const IN_QUESTIONS = 'a.question_id IN (SELECT value FROM json_each(?1))';

/**
 * Every value goes through json_quote, or is a number, or is JSON SQLite checked (json_valid is strict
 * RFC 8259, so JSON.parse takes it): `ok` is 0 when some rating's values are not, and the chunk is read as
 * objects instead (json() there accepts JSON5 too).
 */
const RATINGS_SQL = `SELECT CAST('[' || ifnull(group_concat(concat('[', a.question_id, ',', a.id, ',', json_quote(rt.name), ',',
    r.axis_values, ',', ifnull(r.overall, 'null'), ']')), '') || ']' AS BLOB) AS j,
    ifnull(min(json_valid(r.axis_values)), 1) AS ok
  FROM ratings r JOIN raters rt ON rt.id = r.rater_id JOIN answers a ON a.id = r.answer_id
  WHERE a.question_id IN (SELECT value FROM json_each(?1)) AND r.rubric_key = CAST(?2 AS TEXT)`;

/**
 * `ok` is 0 when some answer that enough raters rated (?4) has no cached scores, or ones that are not JSON:
 * those have to be computed from the texts, which only the chunk read as objects has. The others are left
 * out of the summary without their scores being looked at.
 */
const ANSWERS_SQL = `SELECT CAST('[' || ifnull(group_concat(concat('[', a.id, ',', json_quote(a.uid), ',', json_quote(q.uid), ',', json_quote(a.model), ',', ifnull(s.scores, 'null'), ']')), '') || ']' AS BLOB) AS j,
    ifnull(min(CASE WHEN s.scores IS NOT NULL THEN json_valid(s.scores)
      ELSE (SELECT count(DISTINCT r.rater_id) FROM ratings r WHERE r.answer_id = a.id AND r.rubric_key = CAST(?2 AS TEXT)) < ?4 END), 1) AS ok
  FROM answers a JOIN questions q ON q.id = a.question_id LEFT JOIN answer_scores s ON s.answer_id = a.id AND s.scorer = CAST(?3 AS TEXT)
  WHERE ${IN_QUESTIONS} AND EXISTS (SELECT 1 FROM ratings r WHERE r.answer_id = a.id AND r.rubric_key = CAST(?2 AS TEXT))`;

/** The summary's rows of the questions `ids`, or undefined when SQLite cannot write them all (see `ok` above). */
export function readSummaryRows(c: Connection, ids: readonly number[], f: SummaryRowsFilter, overrides: ReadonlyMap<string, ChoiceOverride[]>): SummaryRows | undefined {
  const params: SqlParam[] = [JSON.stringify(ids), utf8(f.rubricKey), utf8(f.scorer), f.minRaters];
  const ratings = c.get(RATINGS_SQL, params.slice(0, 2));
  if (!ratings || readNumber(ratings.ok) !== 1) return undefined;
  const answers = c.get(ANSWERS_SQL, params);
  if (!answers || readNumber(answers.ok) !== 1) return undefined;
  return { summary: { ratings: asBytes(ratings.j), answers: asBytes(answers.j), overrides: overridesOf(c, ids, overrides) } };
}

function asBytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new Error('internal: the summary rows are not a blob');
  return value;
}

/** Corrections are few, read once for the whole export: only those of the chunk's answers travel with it. */
function overridesOf(c: Connection, ids: readonly number[], all: ReadonlyMap<string, ChoiceOverride[]>): Record<string, ChoiceOverride[]> {
  const out: Record<string, ChoiceOverride[]> = {};
  if (all.size === 0) return out;
  for (const row of c.all(`SELECT a.uid AS uid FROM answers a WHERE ${IN_QUESTIONS}`, [JSON.stringify(ids)])) {
    const uid = String(row.uid);
    const list = all.get(uid);
    if (list) out[uid] = list;
  }
  return out;
}
