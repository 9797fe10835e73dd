import { OVERALL_MAX, OVERALL_MIN, type RatingValue, type Rubric, type RubricAxis } from '../rubric/types';
import { codeValue } from './coding';
import type { AxisCoding, SummaryIssue, SummaryRating } from './types';

/** A valid axis value of a rating with the number it is coded as. */
export interface CodedValue {
  value: RatingValue;
  code: number;
  /** Its position in the axis's coded choices; -1 for an interval value that is no anchor. */
  choice: number;
}

/** A rating reduced to what the summary uses: only values the rubric allows. */
export interface CleanRating {
  raterId: string;
  answerId: string;
  model: string;
  /** By the axis's `position`; undefined where the rater left the axis empty (or gave a value it does not allow). */
  values: (CodedValue | undefined)[];
  overall?: number;
  /** Its index in the list takeRatings returns: its row of the ChoiceTable (choiceTable.ts). */
  row: number;
}

/** A non-text axis of the rubric together with its coding. */
export interface CodedAxis {
  axis: RubricAxis;
  coding: AxisCoding;
  /** Its index among the coded axes, where every CleanRating keeps its value. */
  position: number;
}

/**
 * A coded axis with one shared CodedValue per choice: 300,000 ratings of twelve axes then hold references
 * to a few dozen objects rather than 3.6 million of their own.
 */
interface IntakeAxis extends CodedAxis {
  byValue: Map<RatingValue, CodedValue>;
}

/**
 * Checks every rating against the rubric and keeps what can be used. Ratings come from a database that
 * another version of the rubric, a merge or a hand edit may have filled, so nothing is trusted: a value the
 * rubric does not allow is left out and reported, never guessed.
 */
export function takeRatings(rubric: Rubric, axes: readonly CodedAxis[], ratings: readonly SummaryRating[], issues: SummaryIssue[]): CleanRating[] {
  const byId = new Map(axes.map((a): [string, IntakeAxis] => [a.axis.id, { ...a, byValue: choiceValues(a) }]));
  const textAxes = new Set(rubric.axes.filter((a) => a.kind === 'text').map((a) => a.id));
  const kept = new Map<string, { index: number; rating: CleanRating }>();
  const modelOf = new Map<string, string>();
  ratings.forEach((rating, index) => {
    const where = `ratings[${index}]`;
    const known = modelOf.get(rating.answerId);
    if (known !== undefined && known !== rating.model) {
      issues.push({ field: `${where}.model`, code: 'model-mismatch', message: `${describe(rating)}: answer ${JSON.stringify(rating.answerId)} belongs to model ${JSON.stringify(known)} in an earlier rating, not to ${JSON.stringify(rating.model)}; this rating is left out` });
      return;
    }
    modelOf.set(rating.answerId, rating.model);
    const clean = cleanRating(rating, where, byId, textAxes, issues);
    // Length-prefixed, so no two (rater, answer) pairs share a key, whatever characters the ids hold.
    const key = `${rating.raterId.length}:${rating.raterId}${rating.answerId}`;
    const earlier = kept.get(key);
    if (earlier) {
      issues.push({ field: where, code: 'duplicate-rating', message: `${describe(rating)} is rated twice (ratings[${earlier.index}] and ${where}); the later one is used` });
    }
    kept.set(key, { index, rating: clean });
  });
  return [...kept.values()]
    .sort((a, b) => a.index - b.index)
    .map((k, row) => {
      k.rating.row = row;
      return k.rating;
    });
}

/** Map keys compare as `===` does for finite values (1 is not "1", true is not "true"), the rule codeValue applies. */
function choiceValues({ coding }: CodedAxis): Map<RatingValue, CodedValue> {
  return new Map(coding.choices.map((c, i) => [c.value, { value: c.value, code: c.code, choice: i }]));
}

function codedValue(coded: IntakeAxis, value: RatingValue): CodedValue | undefined {
  if (coded.axis.kind !== 'interval') return coded.byValue.get(value);
  const code = codeValue(coded.axis, coded.coding, value);
  return code === undefined ? undefined : (coded.byValue.get(value) ?? { value, code, choice: -1 });
}

function cleanRating(rating: SummaryRating, where: string, axes: Map<string, IntakeAxis>, textAxes: Set<string>, issues: SummaryIssue[]): CleanRating {
  const values = new Array<CodedValue | undefined>(axes.size);
  // Typed, but read from a store: a malformed map is an empty rating, not a crash.
  const given: Record<string, unknown> = typeof rating.values === 'object' && rating.values !== null ? rating.values : {};
  for (const axisId of Object.keys(given)) {
    const value = given[axisId];
    if (value === null || value === undefined || textAxes.has(axisId)) continue;
    const coded = axes.get(axisId);
    if (!coded) {
      issues.push({ field: `${where}.values.${axisId}`, code: 'unknown-axis', message: `${describe(rating)}: the rubric has no axis ${JSON.stringify(axisId)}; the value is left out` });
      continue;
    }
    const taken = isRatingValue(value) ? codedValue(coded, value) : undefined;
    if (taken === undefined) {
      issues.push({ field: `${where}.values.${axisId}`, code: 'invalid-value', message: `${describe(rating)}: ${coded.axis.label}: ${showValue(value)} is not a value this axis allows; it is left out` });
      continue;
    }
    values[coded.position] = taken;
  }
  const clean: CleanRating = { raterId: rating.raterId, answerId: rating.answerId, model: rating.model, values, row: -1 };
  const overall = rating.overall;
  if (overall !== null && overall !== undefined) {
    if (Number.isInteger(overall) && overall >= OVERALL_MIN && overall <= OVERALL_MAX) clean.overall = overall;
    else issues.push({ field: `${where}.overall`, code: 'invalid-value', message: `${describe(rating)}: the overall score ${JSON.stringify(overall)} is not a whole number from ${OVERALL_MIN} to ${OVERALL_MAX}; it is left out` });
  }
  return clean;
}

function isRatingValue(value: unknown): value is RatingValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function showValue(value: unknown): string {
  return JSON.stringify(value) ?? typeof value;
}

function describe(rating: SummaryRating): string {
  return `rating by ${JSON.stringify(rating.raterId)} of answer ${JSON.stringify(rating.answerId)}`;
}
