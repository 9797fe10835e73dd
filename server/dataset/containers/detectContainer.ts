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
  const lines = head.slice(first.index).split('\n', 3);
  const firstLine = parseLine(lines[0]);
  if (firstLine !== undefined) return isObjectKeyedById(firstLine) ? 'json' : 'jsonl';
  // A broken first line of a JSON Lines file: the second line tells, if it is a complete record.
  const second = lines.length === 3 ? parseLine(lines[1]) : undefined;
  return typeof second === 'object' && second !== null && !Array.isArray(second) ? 'jsonl' : 'json';
}

function parseLine(line: string | undefined): unknown {
  if (line === undefined || line.trim() === '') return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function isObjectKeyedById(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const firstMember = Object.values(value)[0] as unknown;
  return typeof firstMember === 'object' && firstMember !== null && RECORD_KEYS.some((k) => k in firstMember);
}
