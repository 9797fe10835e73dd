import { rmdirSync } from 'node:fs';
import { describeProcess, processLiveness } from './processIdentity';
import { lockDirPath, readLockDir, readOwnerRecord, type LockDirState } from './lockFiles';
import { withRecoveryMutex } from './recoveryMutex';

export interface StaleLockPolicy {
  /**
   * A lock with no owner record for it is only ever held for the microseconds between SQLite creating the
   * directory and the store writing the record, so one this old belongs to a process that died there.
   * The last resort; a recorded owner is judged by whether it is alive, never by age.
   */
  orphanAfterMs: number;
  /** A lock recorded by a process on another host (a shared folder) cannot be checked; this age frees it. */
  otherHostAfterMs: number;
}

export const DEFAULT_STALE_LOCK_POLICY: StaleLockPolicy = { orphanAfterMs: 10_000, otherHostAfterMs: 60_000 };

export type LockVerdict =
  | { state: 'free' }
  | { state: 'held'; holder: string | undefined }
  | { state: 'stale'; lock: LockDirState; reason: string };

/** Whether the database's lock directory exists and, if so, whether its holder can still release it. */
export function judgeLock(dbPath: string, now: number, policy: StaleLockPolicy): LockVerdict {
  const lock = readLockDir(dbPath);
  if (!lock) return { state: 'free' };
  const owner = readOwnerRecord(dbPath);
  const age = now - lock.createdMs;
  if (owner && owner.lock === lock.id) {
    const holder = describeProcess(owner);
    const alive = processLiveness(owner);
    if (alive === 'dead') return { state: 'stale', lock, reason: `${holder} holding it has ended` };
    if (alive === 'unknown' && age > policy.otherHostAfterMs) {
      return { state: 'stale', lock, reason: `${holder} has held it for ${Math.round(age / 1000)} s` };
    }
    return { state: 'held', holder };
  }
  if (age > policy.orphanAfterMs) {
    return { state: 'stale', lock, reason: `no process recorded for a lock ${Math.round(age / 1000)} s old` };
  }
  return { state: 'held', holder: undefined };
}

export type RecoveryOutcome = 'recovered' | 'not-stale' | 'busy';

/**
 * Removes the lock directory if it is (still) stale. Under the recovery mutex the verdict is taken again and
 * the directory removed only if it is the very one judged stale, so a lock taken afresh is never removed.
 */
export function recoverStaleLock(dbPath: string, now: number, policy: StaleLockPolicy): RecoveryOutcome {
  const outcome = withRecoveryMutex(dbPath, now, (): RecoveryOutcome => {
    const verdict = judgeLock(dbPath, now, policy);
    if (verdict.state !== 'stale') return 'not-stale';
    if (readLockDir(dbPath)?.id !== verdict.lock.id) return 'not-stale';
    try {
      rmdirSync(lockDirPath(dbPath));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return 'recovered';
  });
  return outcome ?? 'busy';
}
