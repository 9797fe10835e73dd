import { StoreInputError, StoreNotFoundError } from '../errors';
import type { Connection } from '../sqlite/connection';
import { readNumber, readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { Rater, RaterKind } from '../types';

/** A rater's name is an identity shown in exports and audit logs: printable, at most 200 characters. */
export function checkRaterName(name: string, field = 'rater'): void {
  // eslint-disable-next-line no-control-regex
  if (name.trim() === '' || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new StoreInputError(field, `'${name.slice(0, 40)}' is not a usable rater name (empty, too long or with control characters)`);
  }
}

export function ensureRater(c: Connection, name: string, now: number, kind: RaterKind = 'physician'): number {
  checkRaterName(name);
  const row = c.get(`SELECT id FROM raters WHERE name = ${TEXT_PARAM}`, [utf8(name)]);
  if (row) return readNumber(row.id);
  return c.run(`INSERT INTO raters (name, kind, created_at) VALUES (${TEXT_PARAM}, ?, ?)`, [utf8(name), kind, now]).lastInsertRowid;
}

export function raterId(c: Connection, name: string): number | undefined {
  const row = c.get(`SELECT id FROM raters WHERE name = ${TEXT_PARAM}`, [utf8(name)]);
  return row ? readNumber(row.id) : undefined;
}

export function requireRater(c: Connection, name: string): number {
  const id = raterId(c, name);
  if (id === undefined) throw new StoreNotFoundError('rater', name);
  return id;
}

export function listRaters(c: Connection): Rater[] {
  return c.all('SELECT CAST(name AS BLOB) AS name, kind, created_at FROM raters ORDER BY name').map((r) => ({
    name: readText(r.name),
    kind: readText(r.kind) as RaterKind,
    createdAt: readNumber(r.created_at),
  }));
}
