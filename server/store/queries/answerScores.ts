import type { Connection } from '../sqlite/connection';
import { readNumber, readText, utf8 } from '../sqlite/text';
import { partSource } from './exportRows';

/**
 * The answer score cache (migration 4). The store keeps the scores as the scorer's JSON text, opaque to it:
 * what a score is belongs to server/metrics, and `scorer` names the code and settings that made it.
 */
export interface CachedScores {
  answerUid: string;
  /** The scorer's version and settings (e.g. ROUGE types and stemming); scores of another scorer are not these. */
  scorer: string;
  /** JSON text written by the scorer. */
  scores: string;
  /** The answer's raw output and server reasoning have no NUL and no character outside the BMP (see migration 4). */
  plainText: boolean;
  /**
   * The JSON columns of the answer and its question as the store writes them from the objects scored
   * (rows/answerInsert.ts's jsonOrNull). SQLite renders these columns as they are stored (`json()` keeps
   * `1.0`, `1e2` and `\u00e9` as written), the export's objects as JSON.stringify does: so the lines built
   * by SQLite are the objects' only when the stored text is this one, which a hand edit may have changed.
   */
  written: Record<'params' | 'usage' | 'timings' | 'options' | 'context', string | null>;
}

const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/** Cached scores of these answers made by `scorer`, by answer uid; answers without are absent. */
export function readAnswerScores(c: Connection, answerUids: readonly string[], scorer: string): Map<string, string> {
  const out = new Map<string, string>();
  if (answerUids.length === 0) return out;
  const rows = c.all(
    `SELECT a.uid AS uid, CAST(s.scores AS BLOB) AS scores FROM answers a JOIN answer_scores s ON s.answer_id = a.id AND s.scorer = CAST(? AS TEXT)
     WHERE a.uid ${IN_LIST}`,
    [utf8(scorer), JSON.stringify(answerUids)],
  );
  for (const r of rows) out.set(readText(r.uid), readText(r.scores));
  return out;
}

/**
 * Stores scores (replacing any of the same answer and scorer); scores of answers no longer stored are dropped.
 * Returns how many were kept. One statement for the whole batch, its data a JSON literal run with `exec`:
 * unlike a cached prepared statement, it leaves nothing behind when it fails (a full disk), and a statement
 * of the binding that failed once cannot be reset and run again.
 */
export function saveAnswerScores(c: Connection, items: readonly CachedScores[], now: number): number {
  if (items.length === 0) return 0;
  const data = JSON.stringify(items).replaceAll("'", "''");
  // plain_text: SQLite can build the answer's export parts exactly (queries/lineParts.ts): its texts can be
  // cut, and its JSON columns and its question's are stored as written from the objects (CachedScores.written).
  const written = (column: string, key: keyof CachedScores['written']): string => `${column} IS j.value ->> '$.written.${key}'`;
  c.exec(`INSERT OR REPLACE INTO answer_scores (answer_id, scorer, scores, plain_text, created_at,
      reasoning_start_byte, reasoning_end_byte, answer_start_byte, answer_end_byte)
    SELECT a.id, j.value ->> '$.scorer', j.value ->> '$.scores',
      (j.value ->> '$.plainText') = 1 AND ${written('a.params', 'params')} AND ${written('a.usage', 'usage')} AND ${written('a.timings', 'timings')}
        AND ${written('qt.options', 'options')} AND ${written('qt.context', 'context')},
      ${Math.trunc(now)}, ${byteAt('reasoning', 'start')}, ${byteAt('reasoning', 'end')}, ${byteAt('answer', 'start')}, ${byteAt('answer', 'end')}
    FROM json_each('${data}') j JOIN answers a ON a.uid = j.value ->> '$.answerUid' LEFT JOIN question_texts qt ON qt.question_id = a.question_id
      LEFT JOIN answer_texts x ON x.answer_id = a.id`);
  return readNumber(c.get('SELECT changes() AS n')?.n ?? 0);
}

/**
 * The byte offset of a part's start or end in the text it is cut from (migration 5), for texts whose
 * character offsets are JavaScript's (`plainText`); NULL for a part that is a text of its own.
 */
function byteAt(p: 'reasoning' | 'answer', edge: 'start' | 'end'): string {
  return `IIF((j.value ->> '$.plainText') = 1 AND a.${p}_source IS NOT NULL,
    length(CAST(substr(${partSource(p)}, 1, max(COALESCE(a.${p}_${edge}, 0), 0)) AS BLOB)), NULL)`;
}

/** Drops every cached score (a benchmark's cold start; a user who doubts the cache). Returns how many. */
export function clearAnswerScores(c: Connection): number {
  return c.run('DELETE FROM answer_scores').changes;
}

/** An answer still to be scored, with the question it answers (scoring needs the question's reference). */
export interface UnscoredAnswer {
  answerUid: string;
  questionUid: string;
}

/** Up to `limit` answers with no scores by `scorer`, in storage order (a question's answers together). */
export function unscoredAnswers(c: Connection, scorer: string, limit: number): UnscoredAnswer[] {
  const rows = c.all(
    `SELECT CAST(a.uid AS BLOB) AS answer, CAST(q.uid AS BLOB) AS question FROM answers a JOIN questions q ON q.id = a.question_id
     WHERE NOT EXISTS (SELECT 1 FROM answer_scores s WHERE s.answer_id = a.id AND s.scorer = CAST(? AS TEXT))
     ORDER BY a.question_id, a.id LIMIT ?`,
    [utf8(scorer), limit],
  );
  return rows.map((r) => ({ answerUid: readText(r.answer), questionUid: readText(r.question) }));
}

/** How many answers have no scores by `scorer`. */
export function countUnscoredAnswers(c: Connection, scorer: string): number {
  const row = c.get(`SELECT count(*) AS n FROM answers a WHERE NOT EXISTS (SELECT 1 FROM answer_scores s WHERE s.answer_id = a.id AND s.scorer = CAST(? AS TEXT))`, [utf8(scorer)]);
  return readNumber(row?.n ?? 0);
}
