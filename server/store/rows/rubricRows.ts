import { StoreInputError, StoreNotFoundError } from '../errors';
import type { Connection, Row } from '../sqlite/connection';
import { readNumber, readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { RubricVersion, RubricVersionInput } from '../types';

const COLUMNS = 'id, CAST(rubric_key AS BLOB) AS rubric_key, CAST(version AS BLOB) AS version, hash, CAST(body AS BLOB) AS body, created_at';

function fromRow(r: Row): RubricVersion & { id: number } {
  return {
    id: readNumber(r.id),
    key: readText(r.rubric_key),
    version: readText(r.version),
    hash: readText(r.hash),
    body: readText(r.body),
    createdAt: readNumber(r.created_at),
  };
}

/** Stores a rubric version once per content hash; registering the same content again returns it unchanged. */
export function registerRubric(c: Connection, input: RubricVersionInput, now: number): RubricVersion {
  if (!/^[A-Za-z0-9:_+/=-]{8,128}$/.test(input.hash)) throw new StoreInputError('rubric.hash', 'expected a content hash');
  if (input.key.trim() === '') throw new StoreInputError('rubric.key', 'the rubric needs an id');
  const existing = rubricByHash(c, input.hash);
  if (existing) {
    if (existing.key !== input.key) {
      throw new StoreInputError('rubric.key', `hash ${input.hash} is already registered for rubric '${existing.key}'`);
    }
    return strip(existing);
  }
  c.run(`INSERT INTO rubric_versions (rubric_key, version, hash, body, created_at) VALUES (${TEXT_PARAM}, ${TEXT_PARAM}, ?, ${TEXT_PARAM}, ?)`, [
    utf8(input.key),
    utf8(input.version),
    input.hash,
    utf8(input.body),
    now,
  ]);
  return { ...input, createdAt: now };
}

export function rubricByHash(c: Connection, hash: string): (RubricVersion & { id: number }) | undefined {
  const row = c.get(`SELECT ${COLUMNS} FROM rubric_versions WHERE hash = ?`, [hash]);
  return row ? fromRow(row) : undefined;
}

export function requireRubric(c: Connection, hash: string): RubricVersion & { id: number } {
  const r = rubricByHash(c, hash);
  if (!r) throw new StoreNotFoundError('rubric version', hash);
  return r;
}

export function listRubrics(c: Connection): RubricVersion[] {
  return c.all(`SELECT ${COLUMNS} FROM rubric_versions ORDER BY rubric_key, created_at`).map((r) => strip(fromRow(r)));
}

function strip(r: RubricVersion & { id: number }): RubricVersion {
  return { key: r.key, version: r.version, hash: r.hash, body: r.body, createdAt: r.createdAt };
}
