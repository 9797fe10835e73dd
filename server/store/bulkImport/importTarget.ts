import type { Problem } from '../../problem';
import type { SetMembers } from './setMembers';

/**
 * What one transaction added, counted apart from the session's summary and added to it only once the
 * transaction has committed: a rolled-back one (or one run again after a hot-journal repair) counts nothing.
 */
export interface TransactionTally {
  questions: { added: number; existing: number };
  answers: { added: number; existing: number };
  problems: Problem[];
}

/** What the row writers of one import transaction share: the set, its members, the counts and problems. */
export interface ImportTarget {
  /** The set's name, for messages. */
  setName: string;
  setId: number;
  now: number;
  members: SetMembers;
  /** Ordinal the next new member of the set gets. */
  nextOrdinal: number;
  tally: TransactionTally;
  /** Row id in `source_files` of a path, made on first use. */
  fileId(path: string): number;
}
