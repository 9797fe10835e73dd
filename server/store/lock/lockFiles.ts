import { closeSync, constants, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { currentProcess, type ProcessIdentity } from './processIdentity';

/**
 * node-sqlite3-wasm locks a database by creating the directory `<db>.lock` (any lock level) and removing it
 * when the connection drops to no lock. It cannot tell whether the creator is still alive, so beside it we
 * keep an owner record naming the process that holds the lock *and which lock directory* it holds: the
 * directory's inode and change time, which are new each time the directory is created.
 */
export function lockDirPath(dbPath: string): string {
  return `${dbPath}.lock`;
}

export function ownerRecordPath(dbPath: string): string {
  return `${dbPath}.lock-owner`;
}

export interface LockDirState {
  /** `inode:ctime-ns` of the directory: identifies this one creation of the lock. */
  id: string;
  /** When the directory was created (ms since the epoch). */
  createdMs: number;
}

export interface OwnerRecord extends ProcessIdentity {
  /** The `LockDirState.id` this record describes; a record for an older lock directory says nothing. */
  lock: string;
  sinceMs: number;
}

/** The current lock directory, or undefined when the database is not locked. */
export function readLockDir(dbPath: string): LockDirState | undefined {
  try {
    const s = statSync(lockDirPath(dbPath), { bigint: true });
    return { id: `${s.ino}:${s.ctimeNs}`, createdMs: Number(s.ctimeNs / 1_000_000n) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Records are padded to this size and overwritten in place (see OwnerRecordWriter). */
const RECORD_BYTES = 512;

/**
 * Writes the owner record at every transaction. The file is kept open and overwritten in place, padded to a
 * fixed size: truncating and rewriting a small file on every commit costs a synchronous flush on ext4
 * (its replace-by-truncate safeguard) and would double the commit time.
 */
export class OwnerRecordWriter {
  private fd: number | undefined;

  constructor(private readonly dbPath: string) {}

  /**
   * Records that this process holds the lock directory that exists right now. Called only while this process
   * holds it (inside a transaction), so the directory cannot change under the call.
   */
  write(now: number): void {
    const lock = readLockDir(this.dbPath);
    if (!lock) return;
    const record: OwnerRecord = { ...currentProcess(), lock: lock.id, sinceMs: now };
    const text = Buffer.from(JSON.stringify(record).padEnd(RECORD_BYTES, ' '), 'utf8');
    this.fd ??= openSync(ownerRecordPath(this.dbPath), constants.O_WRONLY | constants.O_CREAT, 0o644);
    writeSync(this.fd, text, 0, text.length, 0);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** One-off owner record (for locks taken without a connection). */
export function writeOwnerRecord(dbPath: string, now: number): void {
  const writer = new OwnerRecordWriter(dbPath);
  try {
    writer.write(now);
  } finally {
    writer.close();
  }
}

/** The owner record, if it exists and is readable; a torn or foreign file reads as no record. */
export function readOwnerRecord(dbPath: string): OwnerRecord | undefined {
  let text: string;
  try {
    text = readFileSync(ownerRecordPath(dbPath), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Partial<OwnerRecord>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string' || typeof v.lock !== 'string') return undefined;
    return v as OwnerRecord;
  } catch {
    return undefined;
  }
}
