import type { Problem } from '../problem';
import type { DatasetFormat, ModelAnswer, Question } from './model';
import type { QuestionIndex } from './questionIndex';
import type { QuestionLookup } from './sink';

export interface ParseOptions {
  /** The dataset format, instead of telling it from the first record. */
  format?: DatasetFormat;
  /** Reasoning tag names for splitting model outputs. Default `think`, `thinking`. */
  tagNames?: readonly string[];
  /** Model name for answer rows without a `model` field; default: the file's name without extension. */
  model?: string;
  /**
   * An answer whose question is in no imported file but whose row carries the question text creates
   * that question (open, no reference) instead of being rejected. Off by default.
   */
  createMissingQuestions?: boolean;
}

/** What one file's parse shares with the rest of the import run. */
export interface ParseContext {
  /** The file as the user named it, for every Problem. */
  file: string;
  options: ParseOptions;
  index: QuestionIndex;
  /** Questions stored before this run; without it (validating one open document) answers are not matched. */
  lookup?: QuestionLookup;
  onProblem(problem: Problem): void;
}

/** What the record handlers hand back to the file parser. */
export interface ParsedBatch {
  questions: Question[];
  answers: ModelAnswer[];
}
