import type { Connection } from '../sqlite/connection';
import { readNumber, TEXT_PARAM, utf8 } from '../sqlite/text';

export function ensureSet(c: Connection, name: string, now: number): number {
  const row = c.get(`SELECT id FROM question_sets WHERE name = ${TEXT_PARAM}`, [utf8(name)]);
  if (row) return readNumber(row.id);
  return c.run(`INSERT INTO question_sets (name, created_at) VALUES (${TEXT_PARAM}, ?)`, [utf8(name), now]).lastInsertRowid;
}

export function setId(c: Connection, name: string): number | undefined {
  const row = c.get(`SELECT id FROM question_sets WHERE name = ${TEXT_PARAM}`, [utf8(name)]);
  return row ? readNumber(row.id) : undefined;
}

export function ensureSourceFile(c: Connection, path: string): number {
  const row = c.get(`SELECT id FROM source_files WHERE path = ${TEXT_PARAM}`, [utf8(path)]);
  if (row) return readNumber(row.id);
  return c.run(`INSERT INTO source_files (path) VALUES (${TEXT_PARAM})`, [utf8(path)]).lastInsertRowid;
}

/** Next free position at the end of a set's question order. */
export function nextOrdinal(c: Connection, set: number): number {
  const row = c.get('SELECT COALESCE(MAX(ordinal), -1) + 1 AS next FROM set_questions WHERE set_id = ?', [set]);
  return row ? readNumber(row.next) : 0;
}

export function recordSetSource(
  c: Connection,
  set: number,
  file: number,
  info: { format: string | undefined; taken: number; rejected: number; now: number },
): void {
  c.run(
    `INSERT INTO set_sources (set_id, file_id, format, imported_at, taken, rejected) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (set_id, file_id) DO UPDATE SET format = excluded.format, imported_at = excluded.imported_at,
       taken = excluded.taken, rejected = excluded.rejected`,
    [set, file, info.format ?? null, info.now, info.taken, info.rejected],
  );
}
