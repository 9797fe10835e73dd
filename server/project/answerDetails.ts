import type { StoredAnswer } from '../store';

type Details = Record<string, string | number | boolean>;

function put(out: Details, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  out[key] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
}

/** What the panel shows on hover over an answer: where it came from and how it was generated. */
export function answerDetails(a: StoredAnswer): Details {
  const out: Details = {};
  if (a.source) put(out, 'source', `${a.source.file}:${a.source.line}`);
  if (a.generation) {
    put(out, 'endpoint', a.generation.endpoint);
    put(out, 'model id', a.generation.modelId);
    put(out, 'template', a.generation.templateName ?? a.generation.templateHash);
  }
  for (const [k, v] of Object.entries(a.params ?? {})) put(out, k, v);
  for (const [k, v] of Object.entries(a.timings ?? {})) put(out, k, v);
  put(out, 'finish reason', a.finishReason);
  return out;
}

/**
 * The hover of an answer whose model is hidden: its source file, endpoint, model id, template and even its
 * sampling parameters can tell a rater which model wrote it, so only the finish reason is left.
 */
export function blindAnswerDetails(a: StoredAnswer): Details {
  const out: Details = {};
  put(out, 'finish reason', a.finishReason);
  return out;
}
