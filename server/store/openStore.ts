import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreNotFoundError, StoreRefusedError } from './errors';
import { checkStructure, inspectDatabaseFile, type FileInspection } from './fileCheck';
import { syncDirectory } from './fileSync';
import { hotJournalOriginalPages, journalIsHot, rollBackHotJournal } from './journal/hotJournal';
import { DEFAULT_BUSY_DEADLINE_MS, type LockWaitPolicy } from './lock/lockWait';
import { withOwnLock } from './lock/ownLock';
import { DEFAULT_STALE_LOCK_POLICY, type StaleLockPolicy } from './lock/staleLock';
import { applyMigrations } from './migrations/apply';
import { APPLICATION_ID, CORE_TABLES, SCHEMA_VERSION } from './migrations/index';
import type { Connection } from './sqlite/connection';
import { readNumber, readText } from './sqlite/text';
import { Store } from './store';
import { Transactions } from './transactions';
import { DEFAULT_IMPORT_OPTIONS, type ImportSessionOptions } from './writes/importSession';

export interface StoreOptions {
  /** Clock for the timestamps the store writes (tests pass a fixed one). */
  now?: () => number;
  /** How long a write waits for a lock held by a live process before failing with StoreBusyError. */
  busyDeadlineMs?: number;
  staleLock?: Partial<StaleLockPolicy>;
  /** Create the database (and its folder) when absent. Default true. */
  create?: boolean;
  import?: Partial<ImportSessionOptions>;
  /** Stop at this schema version instead of the newest (tests of the upgrade path only). */
  schemaVersion?: number;
  /**
   * The file is a new database being built where nothing else opens it (newDatabase.ts), to be thrown away
   * if anything fails: commits keep no rollback journal and do not wait for the disk; the file is synced
   * in the background as it grows and once more at close.
   */
  building?: boolean;
}

/**
 * Opens (or creates) a review database:
 * 1. the file's header is checked before anything touches it: not SQLite, another program's database, or a
 *    newer MedReview's schema are refused and left exactly as they are;
 * 2. under the database's lock, a hot journal left by a writer killed mid-commit is rolled back;
 * 3. pending migrations are applied in one transaction.
 */
export async function openStore(path: string, options: StoreOptions = {}): Promise<Store> {
  const dbPath = resolve(path);
  const now = options.now ?? Date.now;
  const policy: LockWaitPolicy = {
    busyDeadlineMs: options.busyDeadlineMs ?? DEFAULT_BUSY_DEADLINE_MS,
    staleLock: { ...DEFAULT_STALE_LOCK_POLICY, ...options.staleLock },
  };
  const found = await inspectAfterFirstTransactionCrash(dbPath, policy);
  if (found.kind === 'absent') {
    if (options.create === false) throw new StoreNotFoundError('review database', dbPath);
    mkdirSync(dirname(dbPath), { recursive: true });
  } else {
    await withOwnLock(dbPath, policy, () => {
      if (journalIsHot(dbPath)) rollBackHotJournal(dbPath);
    });
    const settled = inspectDatabaseFile(dbPath);
    if (settled.kind === 'ours') checkStructure(dbPath, settled);
  }
  const tx = new Transactions(dbPath, policy, { newFile: found.kind === 'absent' || found.kind === 'empty', building: options.building });
  try {
    await tx.run((c) => migrate(c, dbPath, options.schemaVersion ?? SCHEMA_VERSION));
  } catch (err) {
    await tx.close();
    throw err;
  }
  if (found.kind === 'absent') syncDirectory(dirname(dbPath));
  return new Store(tx, now, { ...DEFAULT_IMPORT_OPTIONS, ...options.import });
}

/**
 * The header check, except for one case: a crash during the very first transaction of a new database leaves
 * a half-written file (not yet marked as ours) beside a journal that says it was empty. Rolling that back
 * restores the empty file it was; any other file that fails the check is refused untouched.
 */
async function inspectAfterFirstTransactionCrash(dbPath: string, policy: LockWaitPolicy): Promise<FileInspection> {
  try {
    return inspectDatabaseFile(dbPath);
  } catch (err) {
    if (!(err instanceof StoreRefusedError) || hotJournalOriginalPages(dbPath) !== 0) throw err;
    await withOwnLock(dbPath, policy, () => {
      if (hotJournalOriginalPages(dbPath) === 0) rollBackHotJournal(dbPath);
    });
    return inspectDatabaseFile(dbPath);
  }
}

function migrate(c: Connection, path: string, target: number): void {
  const appId = readNumber(c.get('PRAGMA application_id')?.application_id ?? 0);
  const version = readNumber(c.get('PRAGMA user_version')?.user_version ?? 0);
  const tables = new Set(c.all("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => readText(r.name)));
  if (appId === 0 && version === 0 && tables.size === 0) {
    applyMigrations(c, 0, target);
    return;
  }
  if (appId !== APPLICATION_ID) throw new StoreRefusedError(path, 'foreign', 'this SQLite database belongs to another program.');
  if (version > SCHEMA_VERSION) {
    throw new StoreRefusedError(path, 'newer-version', `this review database has schema ${version}; this MedReview knows up to ${SCHEMA_VERSION}.`);
  }
  const missing = CORE_TABLES.filter((t) => !tables.has(t));
  if (missing.length) throw new StoreRefusedError(path, 'damaged', `tables ${missing.join(', ')} are missing.`);
  if (version < target) applyMigrations(c, version, target);
}
