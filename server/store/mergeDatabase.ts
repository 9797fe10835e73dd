import { existsSync, statSync } from 'node:fs';
import { StoreConflictError, StoreNotFoundError } from './errors';
import { inspectDatabaseFile } from './fileCheck';
import { journalPath } from './journal/hotJournal';
import { lockDirPath } from './lock/lockFiles';
import { RATING_SELECT, ratingFromRow } from './rows/ratingRows';
import { listRubrics } from './rows/rubricRows';
import { Connection } from './sqlite/connection';
import { readNumber } from './sqlite/text';
import type { Transactions } from './transactions';
import type { MergeReport } from './types';
import { OVERRIDE_SELECT, overrideFromRow } from './writes/choiceOverrides';
import { emptyMergeReport, mergeBatch } from './writes/merge';
import { PREFERENCE_SELECT, preferenceFromRow } from './writes/preferences';

const CHUNK = 2_000;

/**
 * Merges the ratings, preferences and choice corrections of another MedReview database (another rater's
 * copy) into this one. The other file is opened read-only and must be closed (no lock, no journal): a
 * database in use or left by a crash is refused rather than read half-written.
 */
export async function mergeDatabase(tx: Transactions, otherPath: string, now: () => number): Promise<MergeReport> {
  const inspection = inspectDatabaseFile(otherPath);
  if (inspection.kind === 'absent') throw new StoreNotFoundError('database file', otherPath);
  const report = emptyMergeReport(otherPath);
  if (inspection.kind === 'empty') return report;
  if (existsSync(lockDirPath(otherPath)) || (existsSync(journalPath(otherPath)) && statSync(journalPath(otherPath)).size > 0)) {
    throw new StoreConflictError(`${otherPath} is open in MedReview or was not closed cleanly; close it (or open it with MedReview once) before merging`);
  }
  const other = Connection.open(otherPath, { readOnly: true });
  try {
    const rubrics = listRubrics(other);
    let after = 0;
    for (;;) {
      const rows = other.all(`${RATING_SELECT.replace('SELECT ', 'SELECT r.id AS rowid_, ')} WHERE r.id > ? ORDER BY r.id LIMIT ?`, [after, CHUNK]);
      if (rows.length === 0) break;
      const ratings = rows.map(ratingFromRow);
      await tx.run((c) => mergeBatch(c, { ratings, preferences: [], overrides: [], rubrics }, report, now()));
      after = readNumber(rows[rows.length - 1]?.rowid_);
    }
    const preferences = other.all(`${PREFERENCE_SELECT} ORDER BY p.id`).map(preferenceFromRow);
    const overrides = inspection.schemaVersion >= 2 ? other.all(`${OVERRIDE_SELECT} ORDER BY o.id`).map(overrideFromRow) : [];
    await tx.run((c) => mergeBatch(c, { ratings: [], preferences, overrides, rubrics }, report, now()));
    return report;
  } finally {
    other.close();
  }
}
