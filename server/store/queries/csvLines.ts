import { cellText } from '../../summary/csv';
import { partSql } from './exportRows';
import { builtRatingsSql } from './builtRatings';
import { ANSWER_GUARD, GENERATED, jsonIs, type LinesSql } from './lineParts';

/**
 * The CSV export's rows built by SQLite, in the parts builtLines.ts puts together: the same bytes as
 * server/export/csvExport.ts writes from the store's objects (csvColumns.ts's columns and csvCellText), the
 * way jsonlLines.ts builds JSONL's. Keep them in step; the export tests compare them byte for byte. A rating's
 * cells (builtRatings.ts) and those of an answer's cached scores are not SQLite's: the writing thread makes
 * them (LinePiece), the axis and score cells with the functions below, the same the object path uses.
 */

/**
 * csvCellText of a text (summary/csv.ts: a formula-like start gets an apostrophe, then RFC 4180 quoting); ''
 * for NULL (concat_ws() would leave a NULL out, and its comma with it). `x` is evaluated several times, so it
 * must be a column or a cheap expression (see once()).
 */
function csv(x: string): string {
  const guarded = `IIF(substr(${x}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)), '''' || ${x}, ${x})`;
  return `IFNULL(IIF(instr(${x}, '"') OR instr(${x}, ',') OR instr(${x}, char(10)) OR instr(${x}, char(13)), '"' || replace(${guarded}, '"', '""') || '"', ${guarded}), '')`;
}

/** csv() for long texts (once()'s `v`): one GLOB scan instead of four instr() scans. */
function csvLong(x: string): string {
  const guarded = `IIF(substr(${x}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)), '''' || ${x}, ${x})`;
  return `IFNULL(IIF(${x} GLOB '*[",' || char(10) || char(13) || ']*', '"' || replace(${guarded}, '"', '""') || '"', ${guarded}), '')`;
}

/**
 * `cell` of an expression evaluated once: SQLite substitutes a column of a simple subquery by its expression
 * wherever it is used, but never flattens a subquery with OFFSET, whose columns are computed once per row.
 */
function once(expression: string, cell: (v: string) => string): string {
  return `(SELECT ${cell('v')} FROM (SELECT ${expression} AS v LIMIT -1 OFFSET 0))`;
}

/**
 * The cells of a rating's axis values: one per axis of the layout, then the values of axes it does not list
 * (a hand edit, a merge), kept rather than dropped. The CSV export's ratingCells uses this too.
 */
export function axisCells(values: Record<string, unknown>, axisIds: readonly string[]): unknown[] {
  const rest = Object.entries(values).filter(([k]) => !axisIds.includes(k));
  return [...axisIds.map((id) => values[id] ?? null), rest.length ? Object.fromEntries(rest) : null];
}

/**
 * The axis cells of axis values (JSON text), joined (the built rows'; TextMemo makes each combination once).
 * Not made in SQL, where a lookup and a formatting per axis cost more than the rest of the row (27 us a
 * rating with 12 axes).
 */
export function axisCellsText(axisValues: string, axisIds: readonly string[]): string {
  return axisCells(JSON.parse(axisValues) as Record<string, unknown>, axisIds).map(cellText).join(',');
}

/** The question's and reference's cells, each after a comma (questionCells). Parameters: ?1 question ids. */
function questionsSql(texts: boolean): string {
  const text = (column: string): string => (texts ? once(column, csvLong) : `''`);
  const sets = `(SELECT json_group_array(name) FROM (SELECT s.name AS name FROM set_questions sq JOIN question_sets s ON s.id = sq.set_id
    WHERE sq.question_id = q.id ORDER BY s.name))`;
  const guard = `${jsonIs('qt.options', 'object')}${texts ? ` AND ${jsonIs('qt.context', 'array')}` : ''}`;
  const cells = [
    csv('q.uid'), csv('q.ext_id'), once(sets, csv), csv('q.kind'), text('qt.text'), once('json(qt.options)', csv),
    texts ? once('json(qt.context)', csvLong) : `''`,
    `IIF(qr.answer IS NULL, '', ${text('qr.answer')})`, `IIF(qr.answer IS NULL, '', ${text('qr.reasoning')})`, `IIF(qr.answer IS NULL, '', ${csv('qr.label')})`,
  ];
  return `SELECT q.id AS id, CASE WHEN ${guard} THEN CAST(concat(',', concat_ws(',', ${cells.join(', ')})) AS BLOB) END AS part
  FROM questions q JOIN question_texts qt ON qt.question_id = q.id LEFT JOIN question_references qr ON qr.question_id = q.id
  WHERE q.id IN (SELECT value FROM json_each(?1))`;
}

const ROUGE_TARGETS = ['answer', 'reasoning'] as const;
const ROUGE_STATS = ['precision', 'recall', 'fmeasure'] as const;

/** The cached scores as the cells need them (server/export/answerScores.ts's AnswerScores, as stored). */
interface StoredScores {
  rouge: Record<(typeof ROUGE_TARGETS)[number], Record<string, Record<string, unknown> | undefined> | null>;
  accuracy: { verdict: unknown; extraction: { choice: unknown }; graded: unknown; label: unknown; overridden: unknown } | null;
}

/**
 * The ROUGE and accuracy cells that end an answer's rows (answerCells, accuracyCells: the accuracy without a
 * rater's correction; answers with one are never built), and the record's end. Made in JavaScript on the
 * writing thread, not in SQL, where two dozen JSON lookups an answer cost more than the rest of its row.
 */
export function scoreCells(scores: string, rougeTypes: readonly string[]): string {
  const s = JSON.parse(scores) as StoredScores;
  // Plain loops: with flatMap and spreads this took 19 us an answer, most of the writing thread's time.
  let text = '';
  for (const t of ROUGE_TARGETS) {
    const figures = s.rouge[t];
    for (const type of rougeTypes) {
      const f = figures?.[type];
      for (const stat of ROUGE_STATS) text += `${cellText(f?.[stat] ?? null)},`;
    }
  }
  const a = s.accuracy;
  text += a ? [a.verdict, a.extraction.choice, a.graded, a.label, a.overridden].map(cellText).join(',') : ',,,,';
  return `${text}\r\n`;
}

/**
 * The answer's and generation's cells, each after a comma, and a comma: its scores' cells follow (scoreCells,
 * from `scores`). With texts, `part` ends after the model's cell and its comma, the final answer and
 * reasoning follow as they are (`answer`, `reasoning`: the writer makes their cells, LinesFilter.rawTexts),
 * and `rest` holds the cells after them. Parameters: ?1 answer ids, ?2 scorer.
 */
function answersSql(texts: boolean): string {
  const generated = (cell: string): string => `IIF(${GENERATED}, ${cell}, '')`;
  const flags = `IIF(a.split_flags = '', '[]', concat('["', replace(a.split_flags, ',', '","'), '"]'))`;
  const head = [csv('a.uid'), csv('a.model')];
  const rest = [
    csv('a.think_state'), csv(flags), csv('a.origin'),
    `IIF(f.path IS NULL, '', ${csv('f.path')})`, `IIF(f.path IS NULL, '', IFNULL(a.source_line, 0))`,
    once('json(a.params)', csv), generated(once(`IFNULL(a.endpoint, '')`, csv)), generated(csv('a.model_id')), generated(csv('a.template_hash')),
    generated(csv('t.name')), generated(once('json(a.usage)', csv)), once('json(a.timings)', csv), csv('a.finish_reason'),
    `IIF(${GENERATED} AND a.incomplete = 1, 'true', 'false')`,
  ];
  const guard = texts ? `${ANSWER_GUARD} AND x.answer_id IS NOT NULL` : ANSWER_GUARD;
  const built = (part: string): string => `CASE WHEN ${guard} THEN CAST(${part} AS BLOB) END`;
  const columns = texts
    ? `${built(`concat(',', concat_ws(',', ${head.join(', ')}), ',')`)} AS part, CAST(${partSql('answer')} AS BLOB) AS answer,
    CAST(${partSql('reasoning')} AS BLOB) AS reasoning, CAST(concat(',', concat_ws(',', ${rest.join(', ')}), ',') AS BLOB) AS rest`
    : `${built(`concat(',', concat_ws(',', ${[...head, `''`, `''`, ...rest].join(', ')}), ',')`)} AS part`;
  return `SELECT a.id AS id, a.question_id AS question, CAST(a.uid AS BLOB) AS uid, CAST(s.scores AS BLOB) AS scores, ${columns}
  FROM answers a LEFT JOIN source_files f ON f.id = a.source_file_id LEFT JOIN templates t ON t.hash = a.template_hash
  LEFT JOIN answer_scores s ON s.answer_id = a.id AND s.scorer = ?2${texts ? ' LEFT JOIN answer_texts x ON x.answer_id = a.id' : ''}
  WHERE a.id IN (SELECT value FROM json_each(?1)) ORDER BY a.id`;
}

export function csvLinesSql(texts: boolean, rubric: boolean): LinesSql {
  return { ratings: builtRatingsSql(rubric), answers: answersSql(texts), questions: questionsSql(texts) };
}

