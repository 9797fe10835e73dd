import { onStep } from './semanticChecks';
import { OVERALL_MAX, OVERALL_MIN, type Rubric, type RubricAxis } from './types';

/** What a rater has filled in for one answer; absent or null means not (yet) given. */
export interface RatingInput {
  axes: Record<string, unknown>;
  overall?: unknown;
  comment?: unknown;
}

export interface RatingProblem {
  /** `axes.harm_extent`, `overall` or `comment`. */
  field: string;
  code: 'unknown-axis' | 'value-not-allowed' | 'wrong-type' | 'out-of-range' | 'off-step' | 'too-long';
  message: string;
}

export interface RatingCheck {
  /** True when nothing is invalid and every required field is given: the rating may be saved as final. */
  complete: boolean;
  /** Values that can never be saved with this rubric. */
  problems: RatingProblem[];
  /** Required fields still empty (`axes.<id>`, `overall`, `comment`): fine in a draft, not in a rating. */
  missing: string[];
}

/**
 * Checks a rating against the rubric it is made with. The panel's input is untrusted like any other
 * (a stale webview may still show an older rubric), so every value is checked, not only the types.
 */
export function checkRating(rubric: Rubric, input: RatingInput): RatingCheck {
  const problems: RatingProblem[] = [];
  const missing: string[] = [];
  const known = new Set(rubric.axes.map((a) => a.id));
  // Typed, but it crossed a process boundary: a missing or malformed map is an empty rating, not a crash.
  const axes: Record<string, unknown> = typeof input.axes === 'object' && input.axes !== null && !Array.isArray(input.axes) ? input.axes : {};
  for (const id of Object.keys(axes)) {
    if (!known.has(id)) problems.push({ field: `axes.${id}`, code: 'unknown-axis', message: `the rubric ${rubric.id}@${rubric.version} has no axis "${id}"` });
  }
  for (const axis of rubric.axes) {
    // Own properties only: an axis named "constructor" must not find Object.prototype.constructor.
    const value = Object.hasOwn(axes, axis.id) ? axes[axis.id] : undefined;
    if (isEmpty(value) || (axis.kind === 'text' && isBlank(value))) {
      if (axis.required) missing.push(`axes.${axis.id}`);
      continue;
    }
    const problem = checkAxisValue(axis, value);
    if (problem) problems.push({ field: `axes.${axis.id}`, ...problem });
  }
  checkOverall(rubric, input.overall, problems, missing);
  checkComment(rubric, input.comment, problems, missing);
  return { complete: problems.length === 0 && missing.length === 0, problems, missing };
}

type ValueProblem = Omit<RatingProblem, 'field'>;

function checkAxisValue(axis: RubricAxis, value: unknown): ValueProblem | undefined {
  switch (axis.kind) {
    case 'ordinal':
    case 'nominal':
      return inChoices(axis, value);
    case 'boolean':
      if (typeof value !== 'boolean') return { code: 'wrong-type', message: `${axis.label}: expected true or false, got ${describe(value)}` };
      return undefined;
    case 'interval':
      return checkInterval(axis, value);
    case 'text':
      if (typeof value !== 'string') return { code: 'wrong-type', message: `${axis.label}: expected text, got ${describe(value)}` };
      if (axis.maxLength !== undefined && value.length > axis.maxLength) {
        return { code: 'too-long', message: `${axis.label}: ${value.length} characters, at most ${axis.maxLength} allowed` };
      }
      return undefined;
  }
}

function inChoices(axis: RubricAxis, value: unknown): ValueProblem | undefined {
  // Strict equality: the string "1" is not the choice 1, or exports would mix two spellings of a category.
  if (axis.choices.some((c) => c.value === value)) return undefined;
  const allowed = axis.choices.map((c) => JSON.stringify(c.value)).join(', ');
  return { code: 'value-not-allowed', message: `${axis.label}: ${describe(value)} is not one of ${allowed}` };
}

function checkInterval(axis: RubricAxis, value: unknown): ValueProblem | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'wrong-type', message: `${axis.label}: expected a number, got ${describe(value)}` };
  if ((axis.min !== undefined && value < axis.min) || (axis.max !== undefined && value > axis.max)) {
    return { code: 'out-of-range', message: `${axis.label}: ${value} is outside ${String(axis.min)}..${String(axis.max)}` };
  }
  if (axis.step !== undefined && axis.min !== undefined && !onStep(value, axis.min, axis.step)) {
    return { code: 'off-step', message: `${axis.label}: ${value} is not ${axis.min} plus a multiple of ${axis.step}` };
  }
  return undefined;
}

function checkOverall(rubric: Rubric, value: unknown, problems: RatingProblem[], missing: string[]): void {
  if (isEmpty(value)) {
    if (rubric.overall.required) missing.push('overall');
    return;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push({ field: 'overall', code: 'wrong-type', message: `overall score: expected a whole number, got ${describe(value)}` });
  } else if (value < OVERALL_MIN || value > OVERALL_MAX) {
    problems.push({ field: 'overall', code: 'out-of-range', message: `overall score: ${value} is outside ${OVERALL_MIN}..${OVERALL_MAX}` });
  }
}

function checkComment(rubric: Rubric, value: unknown, problems: RatingProblem[], missing: string[]): void {
  // Whitespace only is no comment: a required comment cannot be satisfied by a stray space.
  if (isEmpty(value) || isBlank(value)) {
    if (rubric.comment.required) missing.push('comment');
    return;
  }
  if (typeof value !== 'string') {
    problems.push({ field: 'comment', code: 'wrong-type', message: `comment: expected text, got ${describe(value)}` });
  } else if (rubric.comment.maxLength !== undefined && value.length > rubric.comment.maxLength) {
    problems.push({ field: 'comment', code: 'too-long', message: `comment: ${value.length} characters, at most ${rubric.comment.maxLength} allowed` });
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null;
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (value === null || ['number', 'boolean'].includes(typeof value)) return String(value);
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}
