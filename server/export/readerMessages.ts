import type { ExportItem, ExportStreamFilter } from '../store';

/** What the reader thread is started with. */
export interface ReaderStart {
  path: string;
  filter: ExportStreamFilter;
}

/**
 * From the reader thread: one chunk (one read transaction's items) per message, its built lines transferred,
 * not copied. The writing thread answers each chunk with a message asking for one more.
 */
export type ReaderMessage = { kind: 'chunk'; items: ExportItem[] } | { kind: 'end' } | { kind: 'error'; message: string };
