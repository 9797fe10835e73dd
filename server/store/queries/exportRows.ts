import type { GenerationParams, GenerationTimings } from '../../dataset/model';
import type { SplitFlag, ThinkState } from '../../think/types';
import { ANSWER_JOINS } from '../rows/answerRows';
import type { Row } from '../sqlite/connection';
import { readText } from '../sqlite/text';
import type { AxisValue, Rating, StoredAnswer, TokenUsage } from '../types';

/**
 * Ratings and answers for an export, one JSON array per row built by SQLite: the binding's per-column calls
 * cost more than the query itself (measured on 300,000 ratings: half the read time), so one column per row
 * is read instead, as queries/ratingStream.ts does. JSON escapes NUL, so model output survives whole. The
 * objects are exactly those of rows/ratingRows.ts and rows/answerRows.ts (the export tests compare them).
 */

function ratingJsonSelect(values: string): string {
  return `SELECT CAST(json_array(r.uid, rt.name, a.uid, q.uid, r.rubric_key, rv.version, rv.hash, ${values},
    r.overall, r.comment, r.blind, r.shown_position, r.revision, r.created_at, r.updated_at) AS BLOB) AS j
  FROM ratings r
  JOIN raters rt ON rt.id = r.rater_id
  JOIN answers a ON a.id = r.answer_id
  JOIN questions q ON q.id = a.question_id
  JOIN rubric_versions rv ON rv.id = r.rubric_version_id`;
}

export const RATING_JSON_SELECT = ratingJsonSelect('json(r.axis_values)');

/** The same rows with every rating's axis values read as {} (ExportStreamFilter.ratingValues). */
export const RATING_JSON_SELECT_WITHOUT_VALUES = ratingJsonSelect("json('{}')");

type RatingTuple = [string, string, string, string, string, string, string, Record<string, AxisValue>, number | null, string, number, number | null, number, number, number];

export function ratingFromJsonRow(row: Row): Rating {
  const [uid, rater, answerUid, questionUid, rubricKey, rubricVersion, rubricHash, values, overall, comment, blind, shownPosition, revision, createdAt, updatedAt] =
    JSON.parse(readText(row.j)) as RatingTuple;
  return { uid, rater, answerUid, questionUid, rubricKey, rubricVersion, rubricHash, values, overall, comment, blind: blind === 1, shownPosition, revision, createdAt, updatedAt };
}

const ANSWER_FIELDS = `a.uid, q.uid, a.model, a.think_state, a.split_flags, a.finish_reason, json(a.params),
    json(a.timings), json(a.usage), a.origin, f.path, a.source_line, a.endpoint, a.model_id, a.template_hash, t.name, a.incomplete,
    a.created_at, a.reasoning_source, a.reasoning_start, a.reasoning_end, a.answer_source, a.answer_start, a.answer_end`;

/**
 * rows/questionRows.ts's QUESTION_COLUMNS (the same names, for questionFromRow) without the long texts: the
 * question text and reference texts read as '' where present (so a reference still exists, with its
 * label), the context as absent. For a chunk whose answers all have cached scores and whose texts are not
 * exported, where nothing reads them: a tenth of the export's questions' bytes, most of it PubMedQA
 * contexts and medical-o1 reference reasoning. Keep the two lists in step.
 */
export const QUESTION_COLUMNS_WITHOUT_TEXTS = `q.id AS id, q.uid AS uid, CAST(q.ext_id AS BLOB) AS ext_id, q.kind AS kind,
  CAST('' AS BLOB) AS text, CAST(qt.options AS BLOB) AS options, NULL AS context,
  IIF(qr.answer IS NULL, NULL, CAST('' AS BLOB)) AS reference_answer, IIF(qr.reasoning IS NULL, NULL, CAST('' AS BLOB)) AS reference_reasoning,
  CAST(qr.label AS BLOB) AS reference_label, CAST(f.path AS BLOB) AS source_path, q.source_line AS source_line`;

export const ANSWER_JSON_SELECT = `SELECT CAST(json_array(${ANSWER_FIELDS},
    x.raw, x.server_reasoning, x.reasoning, x.answer) AS BLOB) AS j
  FROM answers a ${ANSWER_JOINS}`;

/**
 * Texts of the export's answers: none where scores are cached, all, or cut and JSON-quoted by SQLite: both
 * reasoning and final answer (`json`), or the final answer only (`answer-json`, for the DPO export, which
 * needs no cached scores either: they are not read).
 */
export type ExportTexts = 'none' | 'all' | 'json' | 'answer-json';
const TEXT_MODES: Record<ExportTexts, number> = { none: 0, all: 1, json: 2, 'answer-json': 3 };

/** A cache row. One that turns out not to be scores is recomputed from the texts, which the caller then fetches. */
const CACHED = `(s.scores IS NOT NULL)`;
/** The texts are read as strings: when asked for, when the scores must be computed, when SQLite cannot cut them. */
const FULL = `(?1 = 1 OR NOT ${CACHED} OR (?1 >= 2 AND s.plain_text = 0))`;
const QUOTED = `(?1 >= 2 AND ${CACHED} AND s.plain_text = 1)`;

/** The text a part of an answer is a slice of: its raw output, or the server's reasoning. */
export const partSource = (p: 'reasoning' | 'answer'): string => `IIF(a.${p}_source = 1, COALESCE(x.server_reasoning, ''), x.raw)`;

/**
 * Reasoning or final answer as answerRows.ts stores it: a slice of raw or server_reasoning, or a text of its
 * own. Cut at the byte offsets cached with the scores (`s`, migration 5) where there are some, else at the
 * character offsets (a walk through the text).
 */
export function partSql(p: 'reasoning' | 'answer'): string {
  const from = partSource(p);
  const bytes = `CAST(substr(CAST(${from} AS BLOB), s.${p}_start_byte + 1, max(s.${p}_end_byte - s.${p}_start_byte, 0)) AS TEXT)`;
  return `IIF(a.${p}_source IS NULL, COALESCE(x.${p}, ''), IIF(s.${p}_start_byte IS NOT NULL AND s.${p}_end_byte IS NOT NULL, ${bytes},
    substr(${from}, COALESCE(a.${p}_start, 0) + 1, max(COALESCE(a.${p}_end, 0) - COALESCE(a.${p}_start, 0), 0))))`;
}

/** What ANSWER_FIELDS reads from, without the texts (textsOf looks those up only where they are wanted). */
const EXPORT_ANSWERS_FROM = `FROM answers a JOIN questions q ON q.id = a.question_id
  LEFT JOIN source_files f ON f.id = a.source_file_id
  LEFT JOIN templates t ON t.hash = a.template_hash`;

/** Every text of an answer, as the JSON array exportAnswerFromRow reads: raw, server reasoning, reasoning, answer. */
const ALL_TEXTS = textsOf('json_array(x.raw, x.server_reasoning, x.reasoning, x.answer)');

/**
 * The export's answers with their cached scores of scorer ?2 (`scores`, null when none: a column of its own,
 * since inside `j` SQLite would escape and JavaScript unescape half a kilobyte of JSON per answer). ?1
 * (ExportTexts) says what of the texts to read for answers whose scores are cached: nothing (an export
 * without texts then reads no model output at all), the strings (`texts`, a JSON array: raw, server
 * reasoning, reasoning, answer), or reasoning and final answer cut out and JSON-quoted by SQLite (`qr`,
 * `qa`; only `qa`, and no `scores`, in mode `answer-json`), which the JSONL and DPO exports write as they
 * come: no decoding, parsing and re-encoding of every answer.
 * SQLite counts characters and JavaScript UTF-16 units, and its substr() stops at a NUL, so SQLite cuts only
 * texts without either (`plain_text`, recorded with the scores); the others are read as strings.
 * Parameters: ?1 text mode, ?2 scorer, ?3 JSON array of answer uids.
 */
export const EXPORT_ANSWER_SELECT = `SELECT CAST(json_array(${ANSWER_FIELDS}) AS BLOB) AS j, IIF(?1 = 3, NULL, CAST(s.scores AS BLOB)) AS scores,
    IIF(${FULL}, ${ALL_TEXTS}, NULL) AS texts,
    IIF(?1 = 2 AND ${QUOTED}, ${textsOf(`json_quote(${partSql('reasoning')})`)}, NULL) AS qr,
    IIF(${QUOTED}, ${textsOf(`json_quote(${partSql('answer')})`)}, NULL) AS qa
  ${EXPORT_ANSWERS_FROM}
  LEFT JOIN answer_scores s ON s.answer_id = a.id AND s.scorer = ?2
  WHERE a.uid IN (SELECT value FROM json_each(?3)) ORDER BY a.id`;

/**
 * The export's answers without scores, their texts (as in EXPORT_ANSWER_SELECT's `texts`) read only for the
 * answers listed in ?2: the others' model output is never read. Parameters: ?1 JSON array of answer uids,
 * ?2 JSON array of the uids among them whose texts to read.
 */
export const ANSWER_SELECT_SOME_TEXTS = `SELECT CAST(json_array(${ANSWER_FIELDS}) AS BLOB) AS j, NULL AS scores,
    IIF(a.uid IN (SELECT value FROM json_each(?2)), ${ALL_TEXTS}, NULL) AS texts
  ${EXPORT_ANSWERS_FROM}
  WHERE a.uid IN (SELECT value FROM json_each(?1)) ORDER BY a.id`;

/**
 * The answer's texts, looked up only where IIF asks for them: a join would read each answer's text row (a
 * page of model output) even when nothing of it is used, which was a fifth of an export without texts.
 */
function textsOf(expression: string): string {
  return `(SELECT CAST(${expression} AS BLOB) FROM answer_texts x WHERE x.answer_id = a.id)`;
}

export function exportTextMode(texts: ExportTexts): number {
  return TEXT_MODES[texts];
}

/** An answer of EXPORT_ANSWER_SELECT: its cached scores (JSON text) and, as the mode asked, its texts. */
export interface ExportAnswerRow {
  answer: StoredAnswer;
  cachedScores: string | null;
  /** The texts were left out (empty strings in `answer`): fetch them if the scores must be computed after all. */
  textsOmitted: boolean;
  /** Reasoning (text mode `json`; empty in `answer-json`) and final answer as JSON strings, UTF-8. */
  quoted?: { reasoning: Buffer; answer: Buffer };
}

type N = number | null;
type S = string | null;
type AnswerTuple = [
  string, string, string, ThinkState, string, S, GenerationParams | null,
  GenerationTimings | null, TokenUsage | null, StoredAnswer['origin'], S, N, S, S, S, S, number,
  number, N, N, N, N, N, N,
  string, S, S, S,
];

/** Reasoning and answer are stored as offsets into the raw output (or the server's reasoning) when they are slices of it. */
function part(source: N, start: N, end: N, text: S, raw: string, server: S): string {
  if (source === null) return text ?? '';
  return (source === 1 ? (server ?? '') : raw).slice(start ?? 0, end ?? 0);
}

export function answerFromJsonRow(row: Row): StoredAnswer {
  return answerFromTuple(JSON.parse(readText(row.j)) as AnswerTuple);
}

export function exportAnswerFromRow(row: Row): ExportAnswerRow {
  const tuple = JSON.parse(readText(row.j)) as AnswerTuple extends [...infer Fields, string, S, S, S] ? Fields : never;
  const cachedScores = row.scores instanceof Uint8Array ? readText(row.scores) : null;
  const full = row.texts instanceof Uint8Array;
  const texts = full ? (JSON.parse(readText(row.texts)) as [string, S, S, S]) : ['', null, null, null];
  const out: ExportAnswerRow = { answer: answerFromTuple([...tuple, ...texts] as unknown as AnswerTuple), cachedScores, textsOmitted: !full };
  if (row.qa instanceof Uint8Array) out.quoted = { reasoning: row.qr instanceof Uint8Array ? bytes(row.qr) : Buffer.alloc(0), answer: bytes(row.qa) };
  return out;
}

function bytes(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function answerFromTuple(tuple: AnswerTuple): StoredAnswer {
  const [uid, questionUid, model, state, flags, finishReason, params, timings, usage, origin, sourcePath, sourceLine, endpoint, modelId, templateHash,
    templateName, incomplete, createdAt, rSource, rStart, rEnd, aSource, aStart, aEnd, raw, serverReasoning, reasoning, answerText] = tuple;
  const answer: StoredAnswer = {
    uid,
    questionUid,
    model,
    raw,
    split: {
      reasoning: part(rSource, rStart, rEnd, reasoning, raw, serverReasoning),
      answer: part(aSource, aStart, aEnd, answerText, raw, serverReasoning),
      state,
      flags: flags === '' ? [] : (flags.split(',') as SplitFlag[]),
    },
    origin,
    createdAt,
  };
  if (serverReasoning !== null) answer.serverReasoning = serverReasoning;
  if (params) answer.params = params;
  if (timings) answer.timings = timings;
  if (finishReason !== null) answer.finishReason = finishReason;
  if (sourcePath !== null) answer.source = { file: sourcePath, line: sourceLine ?? 0 };
  if (origin === 'generation') {
    const g: NonNullable<StoredAnswer['generation']> = { endpoint: endpoint ?? '' };
    if (modelId !== null) g.modelId = modelId;
    if (templateHash !== null) g.templateHash = templateHash;
    if (templateName !== null) g.templateName = templateName;
    if (usage) g.usage = usage;
    if (incomplete === 1) g.incomplete = true;
    answer.generation = g;
  }
  return answer;
}
