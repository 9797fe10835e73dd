import type { ExportItem, ExportStart, ExportStreamFilter } from '../store';

/** What the reader thread is started with: the export's start, marked by the thread that writes it. */
export interface ReaderStart {
  path: string;
  filter: ExportStreamFilter;
  start: ExportStart;
}

/**
 * From a reader thread: one chunk (its index in the export's order) per message, its built lines transferred,
 * not copied. The formatting thread answers each chunk it takes with a message asking for one more.
 */
export type ReaderMessage = { kind: 'chunk'; index: number; items: ExportItem[] } | { kind: 'end' } | { kind: 'error'; message: string };
