import type { Connection } from '../sqlite/connection';
import type { EventEntity } from '../types';

/**
 * How "undo last change" reads and restores one kind of rater work. The event log keeps each change's
 * state before and after as a snapshot in the public shape (uids and names, no row ids), so undo can put
 * the `before` snapshot back and a merged database can still read its own history.
 */
export interface UndoableEntity<T> {
  entity: EventEntity;
  /** The current state for this rater and event key, or null when there is none. */
  read(c: Connection, raterId: number, key: string): T | null;
  /** Makes the stored state that of `snapshot` (null removes it) as a new revision; returns the new state. */
  restore(c: Connection, raterId: number, key: string, snapshot: T | null, now: number): T | null;
}

/** Fields that change with every write (and with an undo) but are not content. */
const BOOKKEEPING = new Set(['revision', 'updatedAt']);

/**
 * JSON of a snapshot's content with object keys sorted and bookkeeping fields left out, so two snapshots
 * compare equal exactly when what the rater sees is the same.
 */
export function contentJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([k]) => !BOOKKEEPING.has(k))
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
