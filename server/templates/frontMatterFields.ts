import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { GenerationParams } from '../dataset/model';
import type { TemplateMode } from './types';

/** The front-matter keys a template may set, their types, and what they mean (also shown on hover). */

type FieldKind = 'id' | 'text' | 'mode' | 'stop' | 'boolean' | { number: [min: number, max: number]; integer?: boolean };

interface FieldSpec {
  kind: FieldKind;
  doc: string;
}

export const FRONT_MATTER_FIELDS: Record<string, FieldSpec> = {
  id: { kind: 'id', doc: 'Name the generations record (letters, digits, `.`, `_`, `-`); defaults to the file name.' },
  description: { kind: 'text', doc: 'What the template is for.' },
  mode: { kind: 'mode', doc: '`chat`: the body is the user message and the server applies the model\'s chat template. `completion`: the body is sent as raw text, exactly as written.' },
  system: { kind: 'text', doc: 'System message (chat mode only).' },
  stop: { kind: 'stop', doc: 'Stop string or list of stop strings.' },
  thinkOpenedByPrompt: { kind: 'boolean', doc: 'The prompt ends inside an opened reasoning tag, so the output starts in reasoning. Detected when a completion body ends with `<think>`.' },
  temperature: { kind: { number: [0, 5] }, doc: 'Sampling temperature.' },
  top_p: { kind: { number: [0, 1] }, doc: 'Nucleus sampling probability mass.' },
  top_k: { kind: { number: [0, 1e6], integer: true }, doc: 'Sample from the k most likely tokens (0: off).' },
  min_p: { kind: { number: [0, 1] }, doc: 'Minimum token probability relative to the most likely one.' },
  repeat_penalty: { kind: { number: [0, 10] }, doc: 'Penalty for repeated tokens (1: off).' },
  max_tokens: { kind: { number: [1, 1e7], integer: true }, doc: 'Most tokens to generate.' },
  seed: { kind: { number: [-(2 ** 53), 2 ** 53], integer: true }, doc: 'Sampling seed, for reproducible answers.' },
};

const SAMPLING_KEYS = ['temperature', 'top_p', 'top_k', 'min_p', 'repeat_penalty', 'max_tokens', 'seed'] as const;

export interface TemplateFields {
  /** Offset of each key present, into the YAML text. */
  keyOffsets: Record<string, number>;
  id?: string;
  description?: string;
  mode?: TemplateMode;
  system?: string;
  stop: string[];
  thinkOpenedByPrompt?: boolean;
  params: GenerationParams;
}

export interface FieldIssue {
  /** Offset into the YAML text. */
  offset: number;
  code: string;
  message: string;
  field?: string;
  severity: 'error' | 'warning';
}

type Checked = { ok: true; value: unknown } | { ok: false; message: string };

function checkValue(kind: FieldKind, node: Node | null): Checked {
  const v: unknown = isScalar(node) ? node.value : undefined;
  if (kind === 'stop') {
    if (typeof v === 'string') return { ok: true, value: [v] };
    if (isSeq(node) && node.items.every((i) => isScalar(i) && typeof i.value === 'string' && i.value !== '')) {
      return { ok: true, value: node.items.map((i) => (isScalar(i) ? String(i.value) : '')) };
    }
    return { ok: false, message: 'must be a string or a list of non-empty strings' };
  }
  if (kind === 'mode') return v === 'chat' || v === 'completion' ? { ok: true, value: v } : { ok: false, message: 'must be `chat` or `completion`' };
  if (kind === 'text') return typeof v === 'string' ? { ok: true, value: v } : { ok: false, message: 'must be a string' };
  if (kind === 'id') return typeof v === 'string' && /^[A-Za-z0-9._-]+$/.test(v) ? { ok: true, value: v } : { ok: false, message: 'must be letters, digits, `.`, `_` or `-`' };
  if (kind === 'boolean') return typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, message: 'must be true or false' };
  const [min, max] = kind.number;
  if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, message: 'must be a number' };
  if (kind.integer && !Number.isInteger(v)) return { ok: false, message: 'must be a whole number' };
  if (v < min || v > max) return { ok: false, message: `must be between ${min} and ${max}` };
  return { ok: true, value: v };
}

function assign(fields: TemplateFields, key: string, value: unknown): void {
  if ((SAMPLING_KEYS as readonly string[]).includes(key)) fields.params[key] = value;
  else if (key === 'stop') fields.stop = value as string[];
  else if (key === 'mode') fields.mode = value as TemplateMode;
  else if (key === 'thinkOpenedByPrompt') fields.thinkOpenedByPrompt = value as boolean;
  else if (key === 'id' || key === 'description' || key === 'system') fields[key] = value as string;
}

function checkPair(pair: Pair, fields: TemplateFields, issues: FieldIssue[]): void {
  const keyNode = pair.key as Node | null;
  const key = isScalar(keyNode) ? String(keyNode.value) : '';
  const keyOffset = keyNode?.range?.[0] ?? 0;
  const spec = FRONT_MATTER_FIELDS[key];
  fields.keyOffsets[key] = keyOffset;
  if (!spec) {
    issues.push({ offset: keyOffset, code: 'unknown-field', field: key, severity: 'warning', message: `unknown front-matter key '${key}' is ignored (known: ${Object.keys(FRONT_MATTER_FIELDS).join(', ')})` });
    return;
  }
  const valueNode = pair.value as Node | null;
  const checked = checkValue(spec.kind, valueNode);
  if (checked.ok) assign(fields, key, checked.value);
  else issues.push({ offset: valueNode?.range?.[0] ?? keyOffset, code: 'wrong-type', field: key, severity: 'error', message: `'${key}' ${checked.message}` });
}

/** Parses and checks the YAML of a front matter; offsets in the issues are into `yaml`. */
export function readFrontMatterFields(yaml: string): { fields: TemplateFields; issues: FieldIssue[] } {
  const fields: TemplateFields = { keyOffsets: {}, stop: [], params: {} };
  const issues: FieldIssue[] = [];
  const doc = parseDocument(yaml, { prettyErrors: false });
  // YAML finds an unclosed bracket at the end of its input, which is the closing fence: point at the YAML's end.
  const lastChar = Math.max(0, yaml.trimEnd().length);
  for (const e of doc.errors) issues.push({ offset: Math.min(e.pos[0], lastChar), code: 'bad-front-matter', severity: 'error', message: `front matter is not valid YAML: ${e.message}` });
  if (doc.errors.length > 0) return { fields, issues };
  const root = doc.contents as Node | null;
  if (root !== null && !isMap(root)) {
    issues.push({ offset: root.range?.[0] ?? 0, code: 'bad-front-matter', severity: 'error', message: 'front matter must be `key: value` lines' });
    return { fields, issues };
  }
  for (const pair of root?.items ?? []) checkPair(pair, fields, issues);
  return { fields, issues };
}
