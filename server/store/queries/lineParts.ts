/**
 * What the SQL of lines built by SQLite (jsonlLines.ts, csvLines.ts; put together by builtLines.ts) shares:
 * the guards that keep a part from being built from a row SQLite cannot render exactly as JavaScript does.
 * A part whose guard is false comes back NULL, and its question is then read and formatted the ordinary way:
 * an answer without cached scores, or whose texts SQLite cannot cut or whose JSON columns (or its
 * question's) are not the text the store writes (`plain_text`, exportRows.ts, answerScores.ts), a value the
 * part needs missing from the cached scores, a JSON column of another type (a hand edit). A rating's part
 * needs none: the writing thread formats it (builtRatings.ts).
 *
 * Parts are joined with concat(), which allocates once per part, not with `||`, which copies the string
 * built so far at every step (measured: a third of the JSONL ratings query's time, when SQLite made those). concat() reads NULL as
 * '', so the guards, not NULL propagation, keep a part from being built from a missing value.
 */

/** One format's three queries, each with the columns builtLines.ts reads (see there). */
export interface LinesSql {
  ratings: string;
  answers: string;
  questions: string;
}

/** Whether a JSON column is NULL or the JSON type the store writes there. */
export function jsonIs(column: string, type: 'object' | 'array'): string {
  return `(${column} IS NULL OR (json_valid(${column}) AND json_type(${column}) = '${type}'))`;
}

/** Whether a field of a generated answer applies: the others leave it null (ratingRecord.ts's `g?.`). */
export const GENERATED = `a.origin = 'generation'`;

const hasScore = (path: string): string => `json_type(s.scores, '$.${path}') IS NOT NULL`;
const ACCURACY_FIELDS = ['verdict', 'extraction.choice', 'graded', 'label', 'overridden'];

/**
 * What an answer's part needs: cached scores of texts SQLite can cut (`plain_text`) with every value the part
 * reads, and JSON columns and split flags as the store writes them.
 */
export const ANSWER_GUARD = `s.plain_text = 1 AND json_valid(s.scores) AND json_type(s.scores, '$.rouge') = 'object'
    AND ${hasScore('rouge.answer')} AND ${hasScore('rouge.reasoning')}
    AND (json_type(s.scores, '$.accuracy') = 'null' OR (${ACCURACY_FIELDS.map((f) => hasScore(`accuracy.${f}`)).join(' AND ')}))
    AND ${jsonIs('a.params', 'object')} AND ${jsonIs('a.timings', 'object')} AND (NOT ${GENERATED} OR ${jsonIs('a.usage', 'object')})
    AND (a.split_flags = '' OR a.split_flags NOT GLOB '*[^a-z,-]*')`;
