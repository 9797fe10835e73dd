import { checkRating } from '../server/rubric/ratingValidation';
import type { Rubric, RubricAxis } from '../server/rubric/types';
import type { AnswerView, DraftView, RatingView } from './protocol';

export type FormValue = string | number | boolean | null;

/** Where a form stands with the store: only `saved` means the store acknowledged exactly these values. */
export type SaveStatus = 'empty' | 'draft' | 'saving' | 'saved' | 'error';

export interface RatingForm {
  answerId: string;
  position: number;
  values: Record<string, FormValue>;
  overall: number | null;
  comment: string;
  /** The last rating the store acknowledged. */
  saved: RatingView | null;
  status: SaveStatus;
  error?: string;
}

/** The fields the keyboard moves through, in form order: the rubric's axes, then overall, then comment. */
export type FormField = { kind: 'axis'; axis: RubricAxis } | { kind: 'overall' } | { kind: 'comment' };

export function formFields(rubric: Rubric): FormField[] {
  return [...rubric.axes.map((axis): FormField => ({ kind: 'axis', axis })), { kind: 'overall' }, { kind: 'comment' }];
}

export function fieldId(f: FormField): string {
  return f.kind === 'axis' ? f.axis.id : f.kind;
}

/** A form for an answer: the saved rating, else the draft, else empty. */
export function formFor(a: AnswerView): RatingForm {
  const base = { answerId: a.id, position: a.position, saved: a.myRating };
  if (a.myRating) return { ...base, values: { ...a.myRating.values }, overall: a.myRating.overall, comment: a.myRating.comment, status: 'saved' };
  if (a.myDraft) return { ...base, values: { ...a.myDraft.values }, overall: a.myDraft.overall, comment: a.myDraft.comment, status: 'draft' };
  return { ...base, values: {}, overall: null, comment: '', status: 'empty' };
}

export function isComplete(rubric: Rubric, f: RatingForm): boolean {
  return checkRating(rubric, { axes: f.values, overall: f.overall, comment: f.comment }).complete;
}

export function fieldLabel(rubric: Rubric, field: FormField): string {
  if (field.kind === 'axis') return field.axis.label;
  return field.kind === 'overall' ? rubric.overall.label : rubric.comment.label;
}

/** Indexes in formFields of the fields still to fill for the rating to be complete, in form order. */
export function missingFieldIndexes(rubric: Rubric, f: RatingForm): number[] {
  const missing = new Set(checkRating(rubric, { axes: f.values, overall: f.overall, comment: f.comment }).missing);
  // checkRating names a field `axes.<id>`, `overall` or `comment`.
  return formFields(rubric).flatMap((field, i) => (missing.has(field.kind === 'axis' ? `axes.${field.axis.id}` : field.kind) ? [i] : []));
}

/** Fields still to fill for the rating to be complete, as the rubric's labels. */
export function missingLabels(rubric: Rubric, f: RatingForm): string[] {
  const fields = formFields(rubric);
  return missingFieldIndexes(rubric, f).map((i) => fieldLabel(rubric, fields[i]!));
}

/** The form's values differ from what the store acknowledged. */
export function isChanged(f: RatingForm): boolean {
  const s = f.saved;
  if (!s) return true;
  return s.overall !== f.overall || s.comment !== f.comment || JSON.stringify(sorted(s.values)) !== JSON.stringify(sorted(f.values));
}

function sorted(values: Record<string, FormValue>): [string, FormValue][] {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}

export function draftOf(f: RatingForm): DraftView {
  return { values: f.values, overall: f.overall, comment: f.comment };
}

/**
 * The value a key picks on a field: a choice's own key (`y`, `n`, a digit), else a digit as the n-th choice;
 * digits 1-5 on the overall score. Undefined when the key means nothing there.
 */
export function valueForKey(field: FormField, key: string): FormValue | undefined {
  if (field.kind === 'comment') return undefined;
  if (field.kind === 'overall') {
    const n = Number(key);
    return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
  }
  const choices = field.axis.choices;
  const own = choices.find((c) => c.key?.toLowerCase() === key.toLowerCase());
  if (own) return own.value;
  const n = Number(key);
  if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1]!.value;
  if (field.axis.kind === 'interval' && Number.isFinite(n) && choices.length === 0) {
    const { min = -Infinity, max = Infinity } = field.axis;
    return n >= min && n <= max ? n : undefined;
  }
  return undefined;
}

export function withValue(f: RatingForm, field: FormField, value: FormValue): RatingForm {
  if (field.kind === 'overall') return { ...f, overall: typeof value === 'number' ? value : null };
  if (field.kind === 'comment') return { ...f, comment: typeof value === 'string' ? value : '' };
  return { ...f, values: { ...f.values, [field.axis.id]: value } };
}

export function valueOf(f: RatingForm, field: FormField): FormValue {
  if (field.kind === 'overall') return f.overall;
  if (field.kind === 'comment') return f.comment;
  return f.values[field.axis.id] ?? null;
}
