import { EVENT_SELECT, eventFromRow } from '../eventLog';
import type { Connection } from '../sqlite/connection';
import type { StoreEvent } from '../types';
import { readNumber } from '../sqlite/text';

/** The rater work an export reads; every change to these is logged with its state before (eventLog.ts). */
export type SnapshotEntity = 'rating' | 'preference' | 'choice-override';

interface FirstChange {
  /** The item as it was at the snapshot; null when it did not exist then. */
  before: unknown;
  /** Already handed out (as the snapshot state of a row read, or as a vanished item). */
  taken: boolean;
}

const TRACKED = new Set<string>(['rating', 'preference', 'choice-override']);
const EVENT_BY_ID = `${EVENT_SELECT} WHERE e.id = ?`;

function changeKey(entity: SnapshotEntity, rater: string, entityKey: string): string {
  return `${entity}\n${rater}\n${entityKey}`;
}

/**
 * Lets an export read in many short transactions (so other windows keep saving while it runs) and still
 * write one moment's state. The moment is the newest event when the export starts. Every write to ratings,
 * preferences and choice corrections appends an event with the item's state before, in the same
 * transaction, so for an item changed after the moment, the `before` of its first later event is what it
 * was at the moment. Each chunk calls `catchUp` in its own transaction, then asks for each row it read
 * what that row was at the moment, and for the items that existed then but are gone now.
 */
export class SnapshotChanges {
  private readonly first = new Map<string, FirstChange>();

  private constructor(private lastEvent: number) {}

  /** Marks the moment: the newest event committed so far. */
  static mark(c: Connection): SnapshotChanges {
    const row = c.get('SELECT COALESCE(MAX(id), 0) AS id FROM events');
    return new SnapshotChanges(readNumber(row?.id ?? 0));
  }

  /** Nothing read so far has changed since the moment: every row read is as it was then. */
  get quiet(): boolean {
    return this.first.size === 0;
  }

  /**
   * Learns the changes committed since the last call; call it first in each chunk's transaction. Events are
   * looked up one by one by id: a range condition on the log is planned from its statistics, which an import
   * leaves stale (saying the log has one row), and SQLite then scans the whole log, once per chunk.
   */
  catchUp(c: Connection): void {
    const newest = readNumber(c.get('SELECT COALESCE(MAX(id), 0) AS id FROM events')?.id ?? 0);
    for (let id = this.lastEvent + 1; id <= newest; id++) {
      const row = c.get(EVENT_BY_ID, [id]);
      if (row) this.learn(eventFromRow(row));
    }
    this.lastEvent = Math.max(this.lastEvent, newest);
  }

  private learn(e: StoreEvent): void {
    if (!TRACKED.has(e.entity)) return;
    const key = changeKey(e.entity as SnapshotEntity, e.rater ?? '', e.entityKey);
    if (!this.first.has(key)) this.first.set(key, { before: e.before, taken: false });
  }

  /** What a row read now was at the moment: itself when unchanged since, else its earlier state or null. */
  asOfSnapshot<T>(entity: SnapshotEntity, rater: string, entityKey: string, current: T): T | null {
    const change = this.first.get(changeKey(entity, rater, entityKey));
    if (!change) return current;
    // An item's rows all belong to one question, read in one chunk; this only guards against a second copy.
    if (change.taken) return null;
    change.taken = true;
    return change.before as T | null;
  }

  /**
   * Items that existed at the moment but whose rows were not read (deleted since, or re-created elsewhere
   * in the read order), among those `belongs` accepts; each is returned once.
   */
  vanished<T>(entity: SnapshotEntity, belongs: (before: T) => boolean): T[] {
    const out: T[] = [];
    const prefix = `${entity}\n`;
    for (const [key, change] of this.first) {
      if (change.taken || change.before === null || !key.startsWith(prefix)) continue;
      const before = change.before as T;
      if (!belongs(before)) continue;
      change.taken = true;
      out.push(before);
    }
    return out;
  }
}
