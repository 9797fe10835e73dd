import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { currentProcess, processLiveness, type ProcessIdentity } from './processIdentity';

/**
 * Only one process at a time may remove a stale lock: otherwise two recoverers could both decide the old
 * lock is stale, the first remove it, a third process take the lock afresh, and the second remove *that*.
 * This mutex is a file created exclusively (`wx`) that names its holder.
 */
export function recoveryMutexPath(dbPath: string): string {
  return `${dbPath}.lock-recovery`;
}

interface MutexRecord extends ProcessIdentity {
  token: string;
}

/** A recoverer needs milliseconds; a mutex this old whose holder cannot be checked is abandoned. */
const ABANDONED_AFTER_MS = 30_000;

/** Runs `fn` holding the recovery mutex; returns undefined without running it when another process holds it. */
export function withRecoveryMutex<T>(dbPath: string, now: number, fn: () => T): T | undefined {
  const path = recoveryMutexPath(dbPath);
  const token = tryAcquire(path) ?? (breakIfAbandoned(path, now) ? tryAcquire(path) : undefined);
  if (!token) return undefined;
  try {
    return fn();
  } finally {
    release(path, token);
  }
}

function tryAcquire(path: string): string | undefined {
  const token = randomUUID();
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  }
  try {
    const record: MutexRecord = { ...currentProcess(), token };
    writeSync(fd, JSON.stringify(record));
  } finally {
    closeSync(fd);
  }
  return token;
}

function release(path: string, token: string): void {
  if (readRecord(path)?.token === token) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/**
 * Removes a mutex whose holder died (or that is too old to belong to a live recoverer). The file is first
 * renamed to a private name and its token compared, so a mutex taken afresh by someone else in between is
 * put back rather than deleted.
 */
function breakIfAbandoned(path: string, now: number): boolean {
  const record = readRecord(path);
  const age = ageMs(path, now);
  if (age === undefined) return true; // vanished: free now
  const dead = record !== undefined && processLiveness(record) === 'dead';
  if (!dead && age < ABANDONED_AFTER_MS) return false;
  const aside = `${path}.${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch {
    return false;
  }
  const moved = readRecord(aside);
  if (moved?.token !== record?.token) {
    // Someone took the mutex between our read and the rename: hand it back (link fails if yet another
    // process took the free name meanwhile; their records are then left as they are).
    try {
      linkSync(aside, path);
    } catch {
      // The name is taken again; the holder we moved finds no token at release and deletes nothing.
    }
    unlinkSync(aside);
    return false;
  }
  unlinkSync(aside);
  return true;
}

function readRecord(path: string): MutexRecord | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<MutexRecord>;
    return typeof v.token === 'string' && typeof v.pid === 'number' && typeof v.host === 'string'
      ? (v as MutexRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(path: string, now: number): number | undefined {
  try {
    return now - statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
