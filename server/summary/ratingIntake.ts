import { OVERALL_MAX, OVERALL_MIN, type RatingValue, type Rubric, type RubricAxis } from '../rubric/types';
import { codeAxis, codeValue } from './coding';
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
  const intake = new RatingIntake(rubric, axes);
  for (const rating of ratings) intake.add(rating);
  issues.push(...intake.issues);
  return intake.taken();
}

/**
 * takeRatings a rating at a time, so an export can check each chunk's ratings as they come, while the
 * reader thread reads the next (1.2 s of the benchmark's summary, on the writing thread, was spent checking
 * 300,000 ratings after the last chunk came).
 */
export class RatingIntake {
  /** What was found wrong, in the order of the ratings. */
  readonly issues: SummaryIssue[] = [];
  private readonly byId: Map<string, IntakeAxis>;
  private readonly textAxes: Set<string>;
  private readonly kept = new Map<string, { index: number; rating: CleanRating }>();
  private readonly modelOf = new Map<string, string>();
  private index = 0;

  constructor(
    rubric: Rubric,
    readonly axes: readonly CodedAxis[],
  ) {
    this.byId = new Map(axes.map((a): [string, IntakeAxis] => [a.axis.id, { ...a, byValue: choiceValues(a) }]));
    this.textAxes = new Set(rubric.axes.filter((a) => a.kind === 'text').map((a) => a.id));
  }

  add(rating: SummaryRating): void {
    const index = this.index++;
    const where = `ratings[${index}]`;
    const known = this.modelOf.get(rating.answerId);
    if (known !== undefined && known !== rating.model) {
      this.issues.push({ field: `${where}.model`, code: 'model-mismatch', message: `${describe(rating)}: answer ${JSON.stringify(rating.answerId)} belongs to model ${JSON.stringify(known)} in an earlier rating, not to ${JSON.stringify(rating.model)}; this rating is left out` });
      return;
    }
    this.modelOf.set(rating.answerId, rating.model);
    const clean = cleanRating(rating, where, this.byId, this.textAxes, this.issues);
    // Length-prefixed, so no two (rater, answer) pairs share a key, whatever characters the ids hold.
    const key = `${rating.raterId.length}:${rating.raterId}${rating.answerId}`;
    const earlier = this.kept.get(key);
    if (earlier) {
      this.issues.push({ field: where, code: 'duplicate-rating', message: `${describe(rating)} is rated twice (ratings[${earlier.index}] and ${where}); the later one is used` });
    }
    this.kept.set(key, { index, rating: clean });
  }

  /** The ratings kept, in the order they came (a rating given twice where its later one came), each with its row. */
  taken(): CleanRating[] {
    return [...this.kept.values()]
      .sort((a, b) => a.index - b.index)
      .map((k, row) => {
        k.rating.row = row;
        return k.rating;
      });
  }
}

/** The rubric's non-text axes with their codings, each at its position. */
export function codedAxes(rubric: Rubric): CodedAxis[] {
  const out: CodedAxis[] = [];
  for (const axis of rubric.axes) {
    const coding = codeAxis(axis);
    if (coding) out.push({ axis, coding, position: out.length });
  }
  return out;
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
