import type { SplitResult } from '../think/types';

/**
 * The domain model every part of the core shares: what a dataset is turned into by the importers,
 * what the store keeps, what the panel shows and what the exporters write.
 */

export type DatasetFormat = 'medical-o1' | 'medqa' | 'pubmedqa' | 'model-answers';

export type QuestionKind = 'open' | 'multiple-choice' | 'yes-no-maybe';

/** Where a record came from, so every later message can point back at it. */
export interface SourceLocation {
  file: string;
  /** 1-based line of the record's start. */
  line: number;
}

export interface ReferenceAnswer {
  /** The reference final answer (medical-o1 `Response`, the correct MedQA option's text, PubMedQA `LONG_ANSWER`). */
  answer: string;
  /** The reference reasoning (medical-o1 `Complex_CoT`), when the dataset has one. */
  reasoning?: string;
  /** A gradable label: the MedQA option letter (`answer_idx`) or the PubMedQA `final_decision`. */
  label?: string;
}

export interface Question {
  /** Stable id: the dataset's own id when it has one, otherwise derived from the content. */
  id: string;
  text: string;
  kind: QuestionKind;
  /** Multiple-choice options keyed by letter (A..E), in letter order. */
  options?: Record<string, string>;
  /** Background passages (PubMedQA `CONTEXTS`). */
  context?: string[];
  reference?: ReferenceAnswer;
  source: SourceLocation;
}

/** Sampling parameters as sent to the server; absent fields were left to the server's defaults. */
export interface GenerationParams {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
  [other: string]: unknown;
}

export interface GenerationTimings {
  /** Milliseconds to the first token. */
  firstTokenMs?: number;
  totalMs?: number;
  promptTokensPerSecond?: number;
  predictedTokensPerSecond?: number;
  [other: string]: unknown;
}

export interface ModelAnswer {
  questionId: string;
  model: string;
  /** The raw output exactly as produced (before splitting). */
  raw: string;
  /** Reasoning the server returned separately, if any. */
  serverReasoning?: string;
  split: SplitResult;
  params?: GenerationParams;
  timings?: GenerationTimings;
  /** Why generation stopped (`stop`, `length`, ...) when known. */
  finishReason?: string;
  /** The prompt that produced the output, when the file gives it. */
  prompt?: string;
  /** Which of several samples for the same question and model this is, when there are several. */
  sample?: number;
  source: SourceLocation;
}
