import { mergeReasoningFields } from '../../think';
import type { GenerationParams, GenerationTimings } from '../model';
import type { FieldReader } from './fieldReader';

/** A model-answer row with its fields checked, before its question is found and its output split. */
export interface AnswerDraft {
  questionId?: string;
  /** The column or key the question id came from (`question_id`, `questionId` or `id`). */
  questionIdField?: string;
  questionText?: string;
  model?: string;
  raw: string;
  reasoning?: string;
  prompt?: string;
  thinkOpenedByPrompt?: boolean;
  params?: GenerationParams;
  timings?: GenerationTimings;
  finishReason?: string;
  /** Which of several samples for the same question and model this is. */
  sample?: number;
}

export const QUESTION_ID_KEYS = ['question_id', 'questionId', 'id'] as const;
export const OUTPUT_KEYS = ['output', 'completion', 'generated_text'] as const;
const OPENED_KEYS = ['thinkOpenedByPrompt', 'think_opened_by_prompt'];
const FINISH_KEYS = ['finish_reason', 'finishReason'];
const PARAMS_KEYS = ['params', 'parameters'];

/** Sampling parameters recognised by name, whether nested in `params` or given as their own columns. */
const NUMERIC_PARAMS = ['temperature', 'top_p', 'top_k', 'min_p', 'max_tokens', 'seed', 'repeat_penalty', 'presence_penalty', 'frequency_penalty'];

/** Timing fields and the names servers and scripts give them. */
const TIMING_NAMES: Record<string, string | undefined> = {
  firstTokenMs: 'firstTokenMs',
  first_token_ms: 'firstTokenMs',
  ttft_ms: 'firstTokenMs',
  totalMs: 'totalMs',
  total_ms: 'totalMs',
  latency_ms: 'totalMs',
  promptTokensPerSecond: 'promptTokensPerSecond',
  prompt_per_second: 'promptTokensPerSecond',
  predictedTokensPerSecond: 'predictedTokensPerSecond',
  predicted_per_second: 'predictedTokensPerSecond',
  tokens_per_second: 'predictedTokensPerSecond',
};

const TIMING_KEYS = Object.keys(TIMING_NAMES);

/** One row of a model-answers file (JSON Lines or CSV). */
export function readModelAnswer(r: FieldReader): AnswerDraft | undefined {
  const idField = QUESTION_ID_KEYS.find((k) => r.has(k));
  const questionId = idField ? r.id(idField) : undefined;
  const questionText = r.string('question');
  if (!idField && questionText === undefined && !r.hasErrors) {
    r.report([], 'missing-field', "missing field 'question_id' or 'question': the answer must name its question by id or by its exact text");
  }
  const outputField = OUTPUT_KEYS.find((k) => r.has(k)) ?? 'output';
  const raw = r.string(outputField, true);
  const reasoning = mergeReasoningFields(r.string('reasoning_content'), r.string('reasoning'));
  const draft: AnswerDraft = {
    questionId,
    questionIdField: idField,
    questionText: questionText?.trim() === '' ? undefined : questionText,
    model: r.string('model')?.trim() || undefined,
    raw: raw ?? '',
    reasoning: reasoning === '' ? undefined : reasoning,
    prompt: r.string('prompt'),
    thinkOpenedByPrompt: r.boolean(r.firstPresent(OPENED_KEYS) ?? 'thinkOpenedByPrompt'),
    params: readParams(r),
    timings: readTimings(r),
    finishReason: r.string(r.firstPresent(FINISH_KEYS) ?? 'finish_reason'),
    sample: readSample(r),
  };
  return r.hasErrors || raw === undefined ? undefined : draft;
}

function readParams(r: FieldReader): GenerationParams | undefined {
  const key = r.firstPresent(PARAMS_KEYS);
  const nested = key ? r.object(key) : undefined;
  const params: GenerationParams = {};
  if (key && nested) {
    for (const [name, value] of Object.entries(nested)) {
      params[name] = NUMERIC_PARAMS.includes(name) ? r.number([key, name], value) : value;
    }
  }
  for (const name of NUMERIC_PARAMS) if (r.has(name)) params[name] = r.number([name]);
  if (r.has('stop')) params.stop = readStop(r);
  for (const [name, value] of Object.entries(params)) if (value === undefined) delete params[name];
  return Object.keys(params).length > 0 ? params : undefined;
}

function readStop(r: FieldReader): string[] | undefined {
  const v = r.fields.stop;
  if (typeof v === 'string') return r.record.textCells && v.trim().startsWith('[') ? r.stringArray('stop') : [v];
  return r.stringArray('stop');
}

function readTimings(r: FieldReader): GenerationTimings | undefined {
  const timings: GenerationTimings = {};
  const nested = r.has('timings') ? r.object('timings') : undefined;
  for (const [name, value] of Object.entries(nested ?? {})) {
    const n = r.number(['timings', name], value);
    if (n !== undefined) timings[TIMING_NAMES[name] ?? name] = n;
  }
  for (const name of TIMING_KEYS) {
    if (!r.has(name)) continue;
    const n = r.number([name]);
    if (n !== undefined) timings[TIMING_NAMES[name] ?? name] = n;
  }
  return Object.keys(timings).length > 0 ? timings : undefined;
}

function readSample(r: FieldReader): number | undefined {
  const n = r.number(['sample']);
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) {
    r.report(['sample'], 'invalid-value', `'sample' must be a whole number from 0, not ${n}`);
    return undefined;
  }
  return n;
}
