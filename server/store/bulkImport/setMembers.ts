import type { Connection } from '../sqlite/connection';
import { readNumber, readText } from '../sqlite/text';

export interface SetMember {
  /** Row id in `questions`. */
  id: number;
  uid: string;
}

const NEW_MEMBERS = `SELECT CAST(q.ext_id AS BLOB) AS ext_id, q.id AS id, q.uid AS uid, sq.ordinal AS ordinal
  FROM set_questions sq JOIN questions q ON q.id = sq.question_id
  WHERE sq.set_id = ? AND sq.ordinal > ? ORDER BY sq.ordinal`;

/**
 * The questions of one set by dataset id, kept in memory for the length of an import, so that each question
 * (is the id taken?) and each answer (which question?) costs a map lookup instead of a query: two queries per
 * row were a third of the import's time.
 *
 * Complete at every transaction: `begin` reads the members added since the last look, by this import or by
 * any other process (members are only ever appended, with ordinals past every existing one, and never
 * removed). What a transaction adds is held apart and kept only once it has committed, so a rolled-back
 * transaction cannot leave row ids behind that do not exist.
 */
export class SetMembers {
  private setId: number | undefined;
  private lastOrdinal = -1;
  private readonly committed = new Map<string, SetMember>();
  private pending = new Map<string, SetMember>();
  private pendingOrdinal = -1;

  /** Call at the start of each transaction, with the set's row id. */
  begin(c: Connection, setId: number): void {
    if (setId !== this.setId) {
      this.setId = setId;
      this.committed.clear();
      this.lastOrdinal = -1;
    }
    this.pending = new Map();
    this.pendingOrdinal = this.lastOrdinal;
    for (const r of c.all(NEW_MEMBERS, [setId, this.lastOrdinal])) {
      this.note(readText(r.ext_id), { id: readNumber(r.id), uid: readText(r.uid) }, readNumber(r.ordinal));
    }
  }

  /** Call after the transaction committed. */
  commit(): void {
    for (const [extId, member] of this.pending) this.committed.set(extId, member);
    this.pending = new Map();
    this.lastOrdinal = this.pendingOrdinal;
  }

  /** The set's question with this dataset id; with several (not made by imports), the earliest stored. */
  get(extId: string): SetMember | undefined {
    // Transactions of answers add no members: one lookup instead of two for each of their rows.
    return (this.pending.size > 0 ? this.pending.get(extId) : undefined) ?? this.committed.get(extId);
  }

  /** A question that became a member in this transaction, at `ordinal`. */
  note(extId: string, member: SetMember, ordinal: number): void {
    const known = this.get(extId);
    if (!known || member.id < known.id) this.pending.set(extId, member);
    if (ordinal > this.pendingOrdinal) this.pendingOrdinal = ordinal;
  }
}
