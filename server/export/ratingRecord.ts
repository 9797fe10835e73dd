import type { GenerationParams, GenerationTimings, QuestionKind } from '../dataset/model';
import type { AnswerAccuracy, RougeFigures } from '../metrics';
import type { AxisValue, ExportAnswer, ExportQuestion, Rating, TokenUsage } from '../store';
import type { SplitFlag, ThinkState } from '../think/types';
import { correctedAccuracy, type AnswerScores } from './answerScores';

/**
 * One rating with everything about what was rated: the line of the JSONL export, and (flattened) the row of
 * the CSV export. Every field is always present (null where there is nothing), so each line has the same shape.
 */
export interface ExportedRating {
  ratingId: string;
  rater: string;
  rubric: { key: string; version: string; hash: string };
  /** Axis id to value, as saved. */
  values: Record<string, AxisValue>;
  overall: number | null;
  comment: string;
  blind: boolean;
  /** 0-based position the answer was shown at among the question's answers. */
  shownPosition: number | null;
  revision: number;
  /** ISO 8601, UTC, milliseconds. */
  createdAt: string;
  updatedAt: string;
  question: ExportedQuestion;
  reference: { answer: string | null; reasoning: string | null; label: string | null } | null;
  answer: ExportedAnswer;
  generation: ExportedGeneration;
  rouge: { answer: RougeFigures | null; reasoning: RougeFigures | null };
  accuracy: ExportedAccuracy | null;
}

export interface ExportedQuestion {
  uid: string;
  datasetId: string;
  sets: string[];
  kind: QuestionKind;
  /** Null in an export without texts (ExportOptions.texts false), as are context, reference texts and the answer's. */
  text: string | null;
  options: Record<string, string> | null;
  context: string[] | null;
}

export interface ExportedAnswer {
  uid: string;
  model: string;
  /** The final answer, without the reasoning (null in an export without texts). */
  text: string | null;
  reasoning: string | null;
  thinkState: ThinkState;
  splitFlags: SplitFlag[];
  origin: 'file' | 'generation';
  source: { file: string; line: number } | null;
}

export interface ExportedGeneration {
  params: GenerationParams | null;
  endpoint: string | null;
  modelId: string | null;
  templateHash: string | null;
  templateName: string | null;
  usage: TokenUsage | null;
  timings: GenerationTimings | null;
  finishReason: string | null;
  /** The stream ended early: the text is partial. */
  incomplete: boolean;
}

export interface ExportedAccuracy {
  verdict: 'correct' | 'incorrect' | 'not-extractable';
  /** What the extractor found (null: nothing, or nothing unambiguous). */
  extracted: string | null;
  /** What was graded: this rater's correction when they made one, else the extracted choice. */
  graded: string | null;
  label: string;
  overridden: boolean;
}

/** The parts of a record that are the same for every rating of one answer, built once per answer. */
export interface AnswerRecordParts {
  question: ExportedQuestion;
  reference: ExportedRating['reference'];
  answer: ExportedAnswer;
  generation: ExportedGeneration;
  rouge: ExportedRating['rouge'];
}

/** `texts` false leaves out the long texts (question, context, reference, answer, reasoning): see README.md. */
export function answerRecordParts(q: ExportQuestion, entry: ExportAnswer, scores: AnswerScores, texts = true): AnswerRecordParts {
  const { question } = q;
  const text = <T>(value: T): T | null => (texts ? value : null);
  const a = entry.answer;
  const g = a.generation;
  return {
    question: {
      uid: question.uid,
      datasetId: question.id,
      sets: q.sets,
      kind: question.kind,
      text: text(question.text),
      options: question.options ?? null,
      context: text(question.context ?? null),
    },
    reference: question.reference
      ? { answer: text(question.reference.answer), reasoning: text(question.reference.reasoning ?? null), label: question.reference.label ?? null }
      : null,
    answer: {
      uid: a.uid,
      model: a.model,
      text: text(a.split.answer),
      reasoning: text(a.split.reasoning),
      thinkState: a.split.state,
      splitFlags: a.split.flags,
      origin: a.origin,
      source: a.source ? { file: a.source.file, line: a.source.line } : null,
    },
    generation: {
      params: a.params ?? null,
      endpoint: g?.endpoint ?? null,
      modelId: g?.modelId ?? null,
      templateHash: g?.templateHash ?? null,
      templateName: g?.templateName ?? null,
      usage: g?.usage ?? null,
      timings: a.timings ?? null,
      finishReason: a.finishReason ?? null,
      incomplete: g?.incomplete === true,
    },
    rouge: { answer: scores.rouge.answer, reasoning: scores.rouge.reasoning },
  };
}

/** The rating's own fields, the first part of its record. */
export type RatingFields = Omit<ExportedRating, keyof AnswerRecordParts | 'accuracy'>;

/** Of a rating of the store, or of built lines (which have no answer and question uids: the line has them). */
export function ratingFields(r: Omit<Rating, 'answerUid' | 'questionUid'>): RatingFields {
  return {
    ratingId: r.uid,
    rater: r.rater,
    rubric: { key: r.rubricKey, version: r.rubricVersion, hash: r.rubricHash },
    values: r.values,
    overall: r.overall,
    comment: r.comment,
    blind: r.blind,
    shownPosition: r.shownPosition,
    revision: r.revision,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** The verdict as this rating's rater sees it: with their own correction of the extraction, if any. */
export function ratingAccuracy(entry: ExportAnswer, scores: AnswerScores, r: Rating): ExportedAccuracy | null {
  const a: AnswerAccuracy | null = correctedAccuracy(scores, entry.overrides.find((o) => o.rater === r.rater));
  if (!a) return null;
  return { verdict: a.verdict, extracted: a.extraction.choice, graded: a.graded, label: a.label, overridden: a.overridden };
}
