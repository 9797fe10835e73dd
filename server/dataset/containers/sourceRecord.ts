import type { TextPosition } from '../json/fieldLocator';

/**
 * The longest record (a JSON Lines line, a JSON record, a CSV cell) a reader holds while waiting for its
 * end. A file is untrusted: a missing newline or quote must not make a reader buffer a whole 1 GB file.
 */
export const MAX_RECORD_LENGTH = 64 * 2 ** 20;

/** One record read from a dataset file, before its fields are checked. */
export interface SourceRecord {
  /** The parsed JSON value, or for CSV an object of column name to cell text. */
  value: unknown;
  line: number;
  column: number;
  endLine: number;
  /** The member key, for a JSON object keyed by id (PubMedQA). */
  key?: string;
  keyPosition?: TextPosition;
  /** CSV cells are text: numbers and booleans are read from that text. */
  textCells: boolean;
  /** Where the value at `path` stands; the record's start when there is no such value. */
  locate(path: readonly (string | number)[]): TextPosition;
}

/** A problem with the container syntax itself (not JSON, a malformed CSV row). */
export interface SyntaxProblem extends TextPosition {
  message: string;
  code: 'invalid-json' | 'invalid-csv';
  field?: string;
}

export interface RecordEvents {
  onRecord(record: SourceRecord): void;
  onSyntaxError(problem: SyntaxProblem): void;
}

/** Reads decoded text chunk by chunk and reports records and syntax problems as they complete. */
export interface ContainerReader {
  push(text: string): void;
  end(): void;
}

export type ContainerKind = 'jsonl' | 'json' | 'csv';
