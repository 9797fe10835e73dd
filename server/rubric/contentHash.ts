import { createHash } from 'node:crypto';
import type { Rubric } from './types';

/**
 * A hash of what a rubric means, not how its file is laid out: computed over the normalized rubric
 * with object keys sorted, so whitespace, key order and spelled-out defaults do not change it, while any
 * change to an axis, a choice (including its order), a label or the instructions does. A rating stores
 * it so the exact rubric it was made with can always be identified.
 */
export function rubricContentHash(rubric: Rubric): string {
  return `sha256:${createHash('sha256').update(canonicalJson(rubric), 'utf8').digest('hex')}`;
}

/** JSON with object keys in UTF-16 code-unit order (as JCS, RFC 8785) and no whitespace; `undefined` members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`cannot hash a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
