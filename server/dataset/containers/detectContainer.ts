import { extname } from 'node:path';
import type { ContainerKind } from './sourceRecord';

/** Keys that start a record; a first line holding an object keyed by id with such records is a document. */
const RECORD_KEYS = ['QUESTION', 'Question', 'question', 'output'];

/**
 * Tells JSON Lines, a JSON document and CSV apart from the start of the file (its first decoded chunk),
 * using the extension only where the content leaves it open.
 */
export function detectContainer(fileName: string, head: string): ContainerKind {
  const ext = extname(fileName).toLowerCase();
  const first = /\S/.exec(head);
  if (!first) return ext === '.csv' ? 'csv' : 'jsonl';
  if (first[0] === '[') return 'json';
  if (first[0] !== '{') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  const newline = head.indexOf('\n', first.index);
  const firstLine = head.slice(first.index, newline < 0 ? undefined : newline);
  try {
    const value = JSON.parse(firstLine) as unknown;
    return isObjectKeyedById(value) ? 'json' : 'jsonl';
  } catch {
    return 'json';
  }
}

function isObjectKeyedById(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const firstMember = Object.values(value)[0] as unknown;
  return typeof firstMember === 'object' && firstMember !== null && RECORD_KEYS.some((k) => k in firstMember);
}
