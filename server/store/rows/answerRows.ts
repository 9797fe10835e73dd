import type { GenerationParams, GenerationTimings } from '../../dataset/model';
import type { SplitFlag, ThinkState } from '../../think/types';
import type { Row, SqlParam } from '../sqlite/connection';
import { readJson, readNumber, readOptionalNumber, readOptionalText, readText, utf8, type TextParam } from '../sqlite/text';
import type { StoredAnswer, TokenUsage } from '../types';

/**
 * Reasoning and final answer are nearly always exact slices of the raw output (or of the reasoning the
 * server returned separately). Storing them as offsets instead of copies halves what an import of 300,000
 * answers writes; a part that is not a slice (the splitter removed something inside it) is stored as text.
 */
export interface StoredPart {
  text: TextParam | null;
  /** 0: slice of raw, 1: slice of server_reasoning, null: stored as text. */
  source: 0 | 1 | null;
  start: number | null;
  end: number | null;
}

/** Where `part` stands as a slice of the raw output (source 0) or of the server's reasoning (source 1), if it is one. */
export function locatePart(part: string, raw: string, serverReasoning: string | undefined): { source: 0 | 1; start: number; end: number } | undefined {
  const inRaw = raw.indexOf(part);
  if (inRaw >= 0) return { source: 0, start: inRaw, end: inRaw + part.length };
  const inServer = serverReasoning === undefined ? -1 : serverReasoning.indexOf(part);
  if (inServer >= 0) return { source: 1, start: inServer, end: inServer + part.length };
  return undefined;
}

export function encodePart(part: string, raw: string, serverReasoning: string | undefined): StoredPart {
  const at = locatePart(part, raw, serverReasoning);
  return at ? { text: null, ...at } : { text: utf8(part), source: null, start: null, end: null };
}

/** Where a part sits (source, start, end), or nulls when it is stored as text. */
export function partPosition(p: StoredPart): SqlParam[] {
  return [p.source, p.start, p.end];
}

function decodePart(row: Row, name: 'reasoning' | 'answer', raw: string, server: string | undefined): string {
  const source = row[`${name}_source`];
  if (source === null || source === undefined) return readText(row[name]);
  const from = source === 1 ? (server ?? '') : raw;
  return from.slice(readNumber(row[`${name}_start`]), readNumber(row[`${name}_end`]));
}

/** Columns for `answerFromRow`, with content read as bytes so a NUL in model output survives. */
export const ANSWER_COLUMNS = `a.id AS id, a.uid AS uid, q.uid AS question_uid, CAST(a.model AS BLOB) AS model,
  a.think_state, a.split_flags, CAST(a.finish_reason AS BLOB) AS finish_reason, a.params, a.timings, a.usage, a.origin,
  CAST(f.path AS BLOB) AS source_path, a.source_line, CAST(a.endpoint AS BLOB) AS endpoint, CAST(a.model_id AS BLOB) AS model_id,
  a.template_hash, CAST(t.name AS BLOB) AS template_name, a.incomplete, a.created_at,
  a.reasoning_source, a.reasoning_start, a.reasoning_end, a.answer_source, a.answer_start, a.answer_end,
  CAST(x.raw AS BLOB) AS raw, CAST(x.server_reasoning AS BLOB) AS server_reasoning,
  CAST(x.reasoning AS BLOB) AS reasoning, CAST(x.answer AS BLOB) AS answer`;

/** The joins `ANSWER_COLUMNS` needs, after `FROM answers a`. */
export const ANSWER_JOINS = `JOIN questions q ON q.id = a.question_id
  JOIN answer_texts x ON x.answer_id = a.id
  LEFT JOIN source_files f ON f.id = a.source_file_id
  LEFT JOIN templates t ON t.hash = a.template_hash`;

export function answerFromRow(row: Row): StoredAnswer {
  const raw = readText(row.raw);
  const serverReasoning = readOptionalText(row.server_reasoning);
  const flags = readText(row.split_flags);
  const answer: StoredAnswer = {
    uid: readText(row.uid),
    questionUid: readText(row.question_uid),
    model: readText(row.model),
    raw,
    split: {
      reasoning: decodePart(row, 'reasoning', raw, serverReasoning),
      answer: decodePart(row, 'answer', raw, serverReasoning),
      state: readText(row.think_state) as ThinkState,
      flags: flags === '' ? [] : (flags.split(',') as SplitFlag[]),
    },
    origin: readText(row.origin) as StoredAnswer['origin'],
    createdAt: readNumber(row.created_at),
  };
  if (serverReasoning !== undefined) answer.serverReasoning = serverReasoning;
  const params = readJson<GenerationParams>(row.params);
  const timings = readJson<GenerationTimings>(row.timings);
  const finishReason = readOptionalText(row.finish_reason);
  if (params) answer.params = params;
  if (timings) answer.timings = timings;
  if (finishReason !== undefined) answer.finishReason = finishReason;
  const sourcePath = readOptionalText(row.source_path);
  if (sourcePath !== undefined) answer.source = { file: sourcePath, line: readOptionalNumber(row.source_line) ?? 0 };
  if (answer.origin === 'generation') answer.generation = generationFromRow(row);
  return answer;
}

function generationFromRow(row: Row): NonNullable<StoredAnswer['generation']> {
  const g: NonNullable<StoredAnswer['generation']> = { endpoint: readText(row.endpoint) };
  const modelId = readOptionalText(row.model_id);
  const templateHash = readOptionalText(row.template_hash);
  const templateName = readOptionalText(row.template_name);
  const usage = readJson<TokenUsage>(row.usage);
  if (modelId !== undefined) g.modelId = modelId;
  if (templateHash !== undefined) g.templateHash = templateHash;
  if (templateName !== undefined) g.templateName = templateName;
  if (usage) g.usage = usage;
  if (row.incomplete === 1) g.incomplete = true;
  return g;
}
