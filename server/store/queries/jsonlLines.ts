import { partSql } from './exportRows';
import { builtRatingsSql } from './builtRatings';
import { ANSWER_GUARD, GENERATED, jsonIs, type LinesSql } from './lineParts';

/**
 * The JSONL export's lines built by SQLite itself (put together by builtLines.ts, a rating's part formatted
 * by the writer, builtRatings.ts), as UTF-8 bytes: the same bytes as server/export/jsonlExport.ts writes
 * from the store's objects (ExportedRating, ratingRecord.ts, in its key order), without decoding, parsing,
 * cloning and re-encoding every row in JavaScript, which was three quarters of a large export's time. Keep
 * the two in step; the export tests compare them byte for byte.
 */

/** A JSON column guarded by jsonIs: minified, or `null`. */
const jsonOf = (column: string): string => `IFNULL(json(${column}), 'null')`;

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

/** A value of the cached scores as JSON. */
const score = (path: string): string => `(s.scores -> '$.${path}')`;

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

/** The JSONL queries; `texts` false leaves the long texts null, as ExportOptions.texts does. */
export function jsonlLinesSql(texts: boolean, rubric: boolean): LinesSql {
  return { ratings: builtRatingsSql(rubric), answers: answersSql(texts), questions: questionsSql(texts) };
}
