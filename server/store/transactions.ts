import { setTimeout as sleep } from 'node:timers/promises';
import { StoreDamagedError } from './errors';
import { journalIsHot, rollBackHotJournal } from './journal/hotJournal';
import { BackgroundSync } from './fileSync';
import { OwnerRecordWriter } from './lock/lockFiles';
import { waitForLock, type LockAttempt, type LockWaitPolicy } from './lock/lockWait';
import { lockIsWanted } from './lock/lockWanted';
import { withOwnLock } from './lock/ownLock';
import { Connection, isBusyError, isCorruptionError } from './sqlite/connection';

/**
 * Settings applied per connection inside a transaction (they need the lock). Returns whether they took:
 * SQLite keeps the journal mode of a still-empty database unchanged inside a transaction, so until the first
 * schema is committed this is tried again at each transaction.
 *
 * No WAL: the binding has no shared memory. TRUNCATE commits by truncating the journal and syncing it, which
 * is durable without a directory sync (DELETE would need synchronous=EXTRA for that) and reuses one file.
 */
function configureConnection(c: Connection): boolean {
  const mode = c.get('PRAGMA journal_mode=TRUNCATE')?.journal_mode;
  // 16 MB of page cache: a 64 MB cache measured no faster on a 300,000-answer import.
  c.exec('PRAGMA cache_size=-16000');
  checkSynchronousFull(c);
  return mode === 'truncate';
}

/**
 * synchronous=FULL (fsync at every commit) is this build's default and cannot be set inside a transaction,
 * so it is checked rather than set: a build with another default must not silently weaken durability.
 */
function checkSynchronousFull(c: Connection): void {
  const level = c.get('PRAGMA synchronous')?.synchronous;
  if (level !== 2 && level !== 3) throw new Error(`internal: SQLite synchronous level is ${String(level)}, expected FULL (2)`);
}

const NEW_FILE_PAGE_SIZE = 16384;
const YIELD_WINDOW_MS = 3;
const YIELD_MS = 6;

/**
 * Every read and write of the store goes through here, one at a time, each as one `BEGIN IMMEDIATE`
 * transaction:
 * - the lock is taken at BEGIN, so no page is read before the checks below;
 * - the owner record is written, so other processes can tell a dead holder from a live one;
 * - a hot journal left by a dead writer is rolled back (the binding never does it) and the connection is
 *   reopened, so no page cached from the half-written file survives;
 * - `fn` runs synchronously and COMMIT follows; the promise resolves only after COMMIT returned, which with
 *   synchronous=FULL means the data is on disk (except in a database being built, StoreOptions.building,
 *   which is synced at close and only then put where anyone opens it).
 * Work is queued so transactions commit in the order they were asked for.
 */
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private conn: Connection;
  private readonly owner: OwnerRecordWriter;
  private configured = false;
  private closed = false;
  /**
   * A database being built (StoreOptions.building): commits are made without a journal or a sync, and this
   * writes each one's pages to disk in the background.
   */
  private readonly building: BackgroundSync | undefined;
  /** When the last transaction ended, to notice back-to-back work. */
  private lastEnd = 0;

  /**
   * @param newFile the file does not exist yet (or is empty): its page size can still be chosen. 16 kB pages
   *   hold 2-4 kB answers with less waste than smaller ones (measured on 100,000 questions with 300,000
   *   answers: 1.30 GB instead of 1.43 GB with 8 kB pages, half the write calls, 5-10% less import CPU;
   *   8 kB had been 10% better than 4 kB in both).
   */
  constructor(
    readonly dbPath: string,
    private readonly policy: LockWaitPolicy,
    options: { newFile?: boolean; building?: boolean } = {},
  ) {
    this.building = options.building ? new BackgroundSync(dbPath) : undefined;
    this.conn = this.openConnection();
    // Only outside a transaction, and only before the first page is written, does SQLite take this.
    if (options.newFile) this.conn.exec(`PRAGMA page_size=${NEW_FILE_PAGE_SIZE}`);
    this.owner = new OwnerRecordWriter(dbPath);
  }

  run<T>(fn: (c: Connection) => T): Promise<T> {
    const next = this.tail.then(() => this.execute(fn));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Waits for queued work, then finalizes every statement and closes the connection. */
  async close(): Promise<void> {
    await this.tail;
    if (this.closed) return;
    this.closed = true;
    this.conn.close();
    this.owner.close();
    await this.building?.finish();
  }

  private async execute<T>(fn: (c: Connection) => T): Promise<T> {
    // Every transaction runs in a fresh turn of the event loop. Otherwise a caller awaiting one store call
    // after another would run entirely in microtasks whenever the lock is free, and starve everything else
    // in the language server (messages, timers, signals) for as long as it keeps going.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.closed) throw new Error(`${this.dbPath}: the review database is closed`);
    // Back-to-back transactions (an import, a batch) would re-take the lock the moment they release it;
    // when another process has said it is waiting, step aside for longer than its polling interval.
    if (Date.now() - this.lastEnd < YIELD_WINDOW_MS && lockIsWanted(this.dbPath, Date.now())) await sleep(YIELD_MS);
    try {
      return await this.executeNow(fn);
    } finally {
      this.lastEnd = Date.now();
      this.building?.soon();
    }
  }

  private async executeNow<T>(fn: (c: Connection) => T): Promise<T> {
    let repaired = false;
    return waitForLock(this.dbPath, this.policy, async (): Promise<LockAttempt<T>> => {
      try {
        return this.attempt(fn);
      } catch (err) {
        if (!isCorruptionError(err)) throw err;
        if (repaired) throw new StoreDamagedError(this.dbPath, err);
        // SQLite may fail at BEGIN on a half-written file before our journal check runs: check under our own lock.
        repaired = true;
        await withOwnLock(this.dbPath, this.policy, () => {
          if (journalIsHot(this.dbPath)) rollBackHotJournal(this.dbPath);
        });
        this.reopen();
        return { kind: 'again' };
      }
    });
  }

  private attempt<T>(fn: (c: Connection) => T): LockAttempt<T> {
    const c = this.conn;
    try {
      c.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if (isBusyError(err)) return { kind: 'busy' };
      throw err;
    }
    try {
      this.owner.write(Date.now());
      if (journalIsHot(this.dbPath)) {
        rollBackHotJournal(this.dbPath);
        c.exec('ROLLBACK');
        this.reopen();
        return { kind: 'again' };
      }
      if (!this.configured) this.configured = this.building ? true : configureConnection(c);
      const value = fn(c);
      c.exec('COMMIT');
      return { kind: 'done', value };
    } catch (err) {
      if (c.isOpen && c.inTransaction) c.exec('ROLLBACK');
      throw err;
    }
  }

  private reopen(): void {
    this.conn.close();
    this.conn = this.openConnection();
    this.configured = false;
  }

  private openConnection(): Connection {
    const c = Connection.open(this.dbPath);
    // The store waits for locks itself (asynchronously); the binding's busy handler would spin the CPU.
    c.exec('PRAGMA busy_timeout=0; PRAGMA foreign_keys=ON');
    // A file being built is thrown away whole if anything fails, so it needs neither a rollback journal nor
    // a sync at each commit (see newDatabase.ts for what that saves).
    if (this.building) c.exec('PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-16000');
    return c;
  }
}
