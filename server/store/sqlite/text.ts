import type { SqlValue } from './connection';

/**
 * Content text (questions, model output, comments) travels to SQLite as UTF-8 bytes and is stored as TEXT by
 * `CAST(? AS TEXT)` in the SQL; see Connection for why. `TEXT_PARAM` is that placeholder.
 */
export const TEXT_PARAM = 'CAST(? AS TEXT)';

/**
 * Text to bind as UTF-8 bytes. The bytes are written into the connection's reusable buffer at bind time,
 * not allocated here: an import binds a gigabyte of text, and a fresh Buffer per value left that much
 * garbage for the collector (and the process's peak memory).
 */
export class TextParam {
  constructor(readonly text: string) {}
}

export function utf8(text: string): TextParam {
  return new TextParam(text);
}

export function utf8OrNull(text: string | undefined | null): TextParam | null {
  return text === undefined || text === null ? null : new TextParam(text);
}

/** Reads a content column selected as `CAST(col AS BLOB)`, so a NUL inside the text survives. */
export function readText(value: SqlValue | undefined): string {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return String(value);
}

export function readOptionalText(value: SqlValue | undefined): string | undefined {
  return value === null || value === undefined ? undefined : readText(value);
}

export function readNumber(value: SqlValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`internal: expected a number from the database, got ${value === null ? 'null' : typeof value}`);
}

export function readOptionalNumber(value: SqlValue | undefined): number | undefined {
  return value === null || value === undefined ? undefined : readNumber(value);
}

/** Parses a JSON column written by the store itself. */
export function readJson<T>(value: SqlValue | undefined): T | undefined {
  const text = readOptionalText(value);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}
