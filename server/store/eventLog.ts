import type { Connection, Row } from './sqlite/connection';
import { readNumber, readOptionalNumber, readOptionalText, readText } from './sqlite/text';
import type { EventEntity, EventKind, StoreEvent } from './types';

export interface NewEvent {
  at: number;
  raterId: number | null;
  kind: EventKind;
  entity: EventEntity;
  entityKey: string;
  before: unknown;
  after: unknown;
  undoable: boolean;
  undoes?: number;
}

/** Appends to the log in the caller's transaction, so a change and its record commit together or not at all. */
export function appendEvent(c: Connection, e: NewEvent): number {
  return c.run(
    `INSERT INTO events (at, rater_id, kind, entity, entity_key, before, after, undoable, undoes)
     VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?)`,
    [
      e.at,
      e.raterId,
      e.kind,
      e.entity,
      Buffer.from(e.entityKey, 'utf8'),
      e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      e.undoable ? 1 : 0,
      e.undoes ?? null,
    ],
  ).lastInsertRowid;
}

export const EVENT_SELECT = `SELECT e.id AS id, e.at AS at, CAST(r.name AS BLOB) AS rater, e.kind AS kind, e.entity AS entity,
    CAST(e.entity_key AS BLOB) AS entity_key, e.before AS before, e.after AS after, e.undoable AS undoable, e.undoes AS undoes
  FROM events e LEFT JOIN raters r ON r.id = e.rater_id`;

export function eventFromRow(row: Row): StoreEvent {
  const before = readOptionalText(row.before);
  const after = readOptionalText(row.after);
  return {
    id: readNumber(row.id),
    at: readNumber(row.at),
    rater: readOptionalText(row.rater) ?? null,
    kind: readText(row.kind) as EventKind,
    entity: readText(row.entity) as EventEntity,
    entityKey: readText(row.entity_key),
    before: before === undefined ? null : (JSON.parse(before) as unknown),
    after: after === undefined ? null : (JSON.parse(after) as unknown),
    undoable: row.undoable === 1,
    undoes: readOptionalNumber(row.undoes) ?? null,
  };
}

export function eventById(c: Connection, id: number): StoreEvent {
  const row = c.get(`${EVENT_SELECT} WHERE e.id = ?`, [id]);
  if (!row) throw new Error(`internal: event ${id} vanished inside its own transaction`);
  return eventFromRow(row);
}

export interface EventQuery {
  rater?: string;
  afterId?: number;
  limit?: number;
}

export function listEvents(c: Connection, q: EventQuery): StoreEvent[] {
  const where: string[] = [];
  const params: (number | Uint8Array)[] = [];
  if (q.rater !== undefined) {
    where.push('r.name = CAST(? AS TEXT)');
    params.push(Buffer.from(q.rater, 'utf8'));
  }
  if (q.afterId !== undefined) {
    where.push('e.id > ?');
    params.push(q.afterId);
  }
  const sql = `${EVENT_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY e.id LIMIT ?`;
  return c.all(sql, [...params, q.limit ?? 1000]).map(eventFromRow);
}
