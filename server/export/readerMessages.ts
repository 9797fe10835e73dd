import type { ExportQuestion, ExportStreamFilter } from '../store';

/** What the reader thread is started with. */
export interface ReaderStart {
  path: string;
  filter: ExportStreamFilter;
  /** Questions per message. */
  batchSize: number;
}

/** From the reader thread; the formatting thread answers each batch with a message asking for one more. */
export type ReaderMessage = { kind: 'batch'; questions: ExportQuestion[] } | { kind: 'end' } | { kind: 'error'; message: string };
