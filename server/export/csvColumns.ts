import type { RougeType } from '../metrics';
import { axisCells } from '../store';
import type { AnswerRecordParts, ExportedAccuracy, RatingFields } from './ratingRecord';

/** What decides the CSV's columns: one per rubric axis and one per ROUGE figure. */
export interface CsvLayout {
  axisIds: readonly string[];
  rougeTypes: readonly RougeType[];
}

type Cell = string | number | boolean | null | object;

const ROUGE_TARGETS = ['answer', 'reasoning'] as const;
const ROUGE_STATS = ['precision', 'recall', 'fmeasure'] as const;

const RATING_COLUMNS = ['rating_id', 'rater', 'rubric_key', 'rubric_version', 'rubric_hash'];
const AFTER_AXES = ['other_values', 'overall', 'comment', 'blind', 'shown_position', 'revision', 'created_at', 'updated_at'];
const QUESTION_COLUMNS = ['question_uid', 'dataset_id', 'sets', 'question_kind', 'question_text', 'options', 'context', 'reference_answer', 'reference_reasoning', 'reference_label'];
const ANSWER_COLUMNS = ['answer_uid', 'model', 'answer', 'reasoning', 'think_state', 'split_flags', 'origin', 'source_file', 'source_line'];
const GENERATION_COLUMNS = ['params', 'endpoint', 'model_id', 'template_hash', 'template_name', 'usage', 'timings', 'finish_reason', 'incomplete'];
const ACCURACY_COLUMNS = ['accuracy_verdict', 'accuracy_extracted', 'accuracy_graded', 'accuracy_label', 'accuracy_overridden'];

/** Axis columns are `axis_<id>`; no fixed column starts with `axis_`, so an axis id cannot clash with one. */
export function csvHeader(layout: CsvLayout): string[] {
  const rouge = ROUGE_TARGETS.flatMap((t) => layout.rougeTypes.flatMap((type) => ROUGE_STATS.map((s) => `rouge_${t}_${type}_${s}`)));
  return [...RATING_COLUMNS, ...layout.axisIds.map((id) => `axis_${id}`), ...AFTER_AXES, ...QUESTION_COLUMNS, ...ANSWER_COLUMNS, ...GENERATION_COLUMNS, ...rouge, ...ACCURACY_COLUMNS];
}

/** The cells before the question's: the rating's own fields, one per axis. */
export function ratingCells(r: RatingFields, layout: CsvLayout): Cell[] {
  return [
    r.ratingId, r.rater, r.rubric.key, r.rubric.version, r.rubric.hash,
    ...(axisCells(r.values, layout.axisIds) as Cell[]),
    r.overall, r.comment, r.blind, r.shownPosition, r.revision, r.createdAt, r.updatedAt,
  ];
}

/** The cells every answer of one question shares: question and reference. */
export function questionCells(p: AnswerRecordParts): Cell[] {
  const q = p.question;
  return [q.uid, q.datasetId, q.sets, q.kind, q.text, q.options, q.context, p.reference?.answer ?? null, p.reference?.reasoning ?? null, p.reference?.label ?? null];
}

/** The cells every rating of one answer shares after the question's: answer, generation, ROUGE. */
export function answerCells(p: AnswerRecordParts, layout: CsvLayout): Cell[] {
  const a = p.answer;
  const g = p.generation;
  return [
    a.uid, a.model, a.text, a.reasoning, a.thinkState, a.splitFlags, a.origin, a.source?.file ?? null, a.source?.line ?? null,
    g.params, g.endpoint, g.modelId, g.templateHash, g.templateName, g.usage, g.timings, g.finishReason, g.incomplete,
    ...ROUGE_TARGETS.flatMap((t) => layout.rougeTypes.flatMap((type) => ROUGE_STATS.map((s) => p.rouge[t]?.[type]?.[s] ?? null))),
  ];
}

export function accuracyCells(acc: ExportedAccuracy | null): Cell[] {
  return [acc?.verdict ?? null, acc?.extracted ?? null, acc?.graded ?? null, acc?.label ?? null, acc?.overridden ?? null];
}
