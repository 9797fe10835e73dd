import { mkdirSync, rmdirSync } from 'node:fs';
import { lockDirPath, writeOwnerRecord } from './lockFiles';
import { waitForLock, type LockAttempt, type LockWaitPolicy } from './lockWait';

/**
 * Takes the database's lock the way the binding does (creating `<db>.lock`) without an SQLite connection, for
 * work that must happen before SQLite reads the file: checking for and rolling back a hot journal at open.
 */
export async function withOwnLock<T>(dbPath: string, policy: LockWaitPolicy, fn: () => T): Promise<T> {
  return waitForLock<T>(dbPath, policy, (): LockAttempt<T> => {
    try {
      mkdirSync(lockDirPath(dbPath));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'busy' };
      throw err;
    }
    try {
      writeOwnerRecord(dbPath, Date.now());
      return { kind: 'done', value: fn() };
    } finally {
      rmdirSync(lockDirPath(dbPath));
    }
  });
}
