import type { ImportOptions } from './importDatasets';
import type { ModelAnswer, Question } from './model';
import type { ImportReport } from './report';

/** Finds questions that were stored before this import (by an earlier run, or another file set). */
export interface QuestionLookup {
  /** The id of a stored question with this id, or else with exactly this (trimmed) text. */
  findQuestion(ref: { id?: string; text?: string }): string | undefined;
}

/**
 * Where imported records go: the store for `medreview import --db`, memory for validation and for the
 * language server's first screen. Batches arrive questions-first (every question file before any answer
 * file), each after the previous batch's promise has settled, so a slow sink slows the reading down
 * instead of letting records pile up in memory.
 */
export interface ImportSink extends QuestionLookup {
  addQuestions(questions: Question[]): void | Promise<void>;
  addAnswers(answers: ModelAnswer[]): void | Promise<void>;
  /**
   * Optional: the sink runs the whole import itself, and `importDatasets` hands it over. The store does, to
   * parse in a worker thread while it writes; it must give the same report, problems and records.
   */
  importFiles?(files: string[], options: ImportOptions): Promise<ImportReport>;
}
