/** What the replay server saw of one request and how it ended, so tests can assert on the wire. */

export type RequestOutcome =
  /** Still being answered (or queued for a slot). */
  | 'pending'
  /** The whole response was sent. */
  | 'finished'
  /** The client closed the connection before the response was complete (cancel, timeout). */
  | 'client-closed'
  /** The server cut the connection on purpose (an injected disconnect). */
  | 'server-cut';

export interface RequestRecord {
  id: number;
  method: string;
  /** Path as requested, scenario prefix included. */
  url: string;
  /** Endpoint path with the scenario prefix removed, e.g. `/v1/chat/completions`. */
  path: string;
  scenario: string;
  headers: Record<string, string | string[] | undefined>;
  /** The request body exactly as received. */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  status?: number;
  receivedAt: number;
  /** When the first response byte (the status line) was written. */
  firstByteAt?: number;
  endedAt?: number;
  /** Milliseconds spent queued for a slot. */
  waitedForSlotMs: number;
  bodyBytesSent: number;
  framesSent: number;
  outcome: RequestOutcome;
}

/** Records in arrival order, with a way to wait until one has ended. */
export class RequestLog {
  readonly records: RequestRecord[] = [];
  private readonly waiters = new Map<number, Array<(r: RequestRecord) => void>>();
  private nextId = 1;

  open(fields: Omit<RequestRecord, 'id' | 'outcome' | 'waitedForSlotMs' | 'bodyBytesSent' | 'framesSent'>): RequestRecord {
    const record: RequestRecord = { ...fields, id: this.nextId++, outcome: 'pending', waitedForSlotMs: 0, bodyBytesSent: 0, framesSent: 0 };
    this.records.push(record);
    return record;
  }

  settle(record: RequestRecord, outcome: Exclude<RequestOutcome, 'pending'>): void {
    if (record.outcome !== 'pending') return;
    record.outcome = outcome;
    record.endedAt = Date.now();
    for (const resolve of this.waiters.get(record.id) ?? []) resolve(record);
    this.waiters.delete(record.id);
  }

  /** Resolves once the record's outcome is known. */
  settled(record: RequestRecord): Promise<RequestRecord> {
    if (record.outcome !== 'pending') return Promise.resolve(record);
    return new Promise((resolve) => {
      const list = this.waiters.get(record.id) ?? [];
      list.push(resolve);
      this.waiters.set(record.id, list);
    });
  }

  clear(): void {
    this.records.length = 0;
  }
}
