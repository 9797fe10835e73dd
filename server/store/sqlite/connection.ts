import { Database, type Statement } from 'node-sqlite3-wasm';
import { TextParam } from './text';

/** A value as SQLite returns it. */
export type SqlValue = number | bigint | string | Uint8Array | null;
/** A value the store binds. Booleans become 0/1; TextParam becomes UTF-8 bytes (see text.ts). */
export type SqlParam = SqlValue | boolean | TextParam;

/** Size of the reusable buffer text parameters are encoded into; a larger statement falls back to allocation. */
const SCRATCH_BYTES = 8 * 1024 * 1024;
export type Row = Record<string, SqlValue>;

export interface RunInfo {
  changes: number;
  lastInsertRowid: number;
}

/**
 * One SQLite connection with a cache of prepared statements.
 *
 * node-sqlite3-wasm does not garbage-collect statements or connections, so every statement prepared here is
 * finalized by `close()`. Queries are always run to completion (`all`), never left mid-step: a half-read
 * statement would keep the file lock (a directory beside the database) and stall every other process.
 *
 * Strings are bound through SQLite's C string API, which stops at the first NUL character; model output is
 * untrusted and may contain one. A plain string with a NUL is therefore refused here, and content columns
 * are bound as UTF-8 bytes (`utf8()`) with `CAST(? AS TEXT)` in the SQL, which is also several times faster
 * than the binding's own character-by-character encoder for kilobyte-sized answers.
 */
export class Connection {
  private readonly statements = new Map<string, Statement>();
  private scratch: Buffer | undefined;

  private constructor(
    readonly path: string,
    private readonly db: Database,
  ) {}

  static open(path: string, options: { readOnly?: boolean } = {}): Connection {
    return new Connection(path, new Database(path, { readOnly: options.readOnly ?? false }));
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  get isOpen(): boolean {
    return this.db.isOpen;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  run(sql: string, params: readonly SqlParam[] = []): RunInfo {
    const info = this.use(sql, (s) => s.run(this.bindable(params)));
    return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
  }

  all(sql: string, params: readonly SqlParam[] = []): Row[] {
    return this.use(sql, (s) => s.all(this.bindable(params)) as Row[]);
  }

  /** The first row; the statement still runs to its end, so write `LIMIT 1` where more could match. */
  get(sql: string, params: readonly SqlParam[] = []): Row | undefined {
    return this.all(sql, params)[0];
  }

  close(): void {
    for (const s of this.statements.values()) {
      if (!s.isFinalized) s.finalize();
    }
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Runs `fn` on the cached statement for `sql`. A statement whose last step failed (a constraint, a busy
   * lock) keeps that error: the binding's next reset reports it and refuses to bind, and finalizing throws
   * it. So a failed statement is finalized here and dropped, and the next use prepares it afresh.
   */
  private use<T>(sql: string, fn: (s: Statement) => T): T {
    const s = this.statement(sql);
    try {
      return fn(s);
    } catch (err) {
      this.statements.delete(sql);
      try {
        if (!s.isFinalized) s.finalize();
      } catch {
        // finalize reports the step's error again; the statement is released all the same.
      }
      throw err;
    }
  }

  private statement(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /**
   * The values as the binding takes them. TextParams become views into one reusable buffer: the binding
   * copies each value into WebAssembly memory while binding, so the buffer is free again once the call returns.
   */
  private bindable(params: readonly SqlParam[]): (SqlValue | boolean)[] {
    let used = 0;
    return params.map((p, i) => {
      if (p === undefined) throw new Error(`internal: parameter ${i + 1} is undefined (a missing field in the caller's input?)`);
      if (typeof p === 'string' && p.includes('\0')) {
        throw new Error(`internal: parameter ${i + 1} contains a NUL character; bind it with utf8()`);
      }
      if (!(p instanceof TextParam)) return p;
      this.scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
      // A UTF-16 code unit takes at most 3 UTF-8 bytes: when that much room is left, write without measuring.
      if (used + p.text.length * 3 > this.scratch.length) return Buffer.from(p.text, 'utf8');
      const start = used;
      used += this.scratch.write(p.text, used, 'utf8');
      return this.scratch.subarray(start, used);
    });
  }
}

/** SQLite's "database is locked": another connection holds the file lock. */
export function isBusyError(err: unknown): boolean {
  return err instanceof Error && /database is locked/i.test(err.message);
}

/** Errors that mean the file's content is not a sound SQLite database. */
export function isCorruptionError(err: unknown): boolean {
  return err instanceof Error && /malformed|file is not a database|database disk image/i.test(err.message);
}
