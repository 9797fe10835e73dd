/** A rating value as agreement statistics see it: a category, a number, or yes/no. */
export type AgreementValue = string | number | boolean;

/** A value or a missing rating. */
export type MaybeValue = AgreementValue | null | undefined;

/**
 * Level of measurement (Krippendorff's "metric"): which differences between two values count as how
 * much disagreement.
 */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export const MEASUREMENT_LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** Why a coefficient has no value; every function returns `null` with one of these instead of throwing. */
export type UndefinedReason =
  /** No unit was rated by enough raters to compare (Cohen: by both; alpha: by two or more). */
  | 'no-pairable-values'
  /** All pairable values fall in one category, so chance agreement is already perfect: 0/0. */
  | 'no-variation'
  /** Fewer than two raters per unit. */
  | 'too-few-raters'
  /** Fleiss' kappa needs every rater to rate every unit. */
  | 'missing-values';

export function isPresent(v: MaybeValue): v is AgreementValue {
  return v !== null && v !== undefined;
}

/** Distinguishes 1 from "1" and true from "true": they are different categories. */
export function valueKey(v: AgreementValue): string {
  return `${typeof v}:${String(v)}`;
}

/**
 * The distinct categories among `values`, in scale order. With `order` the caller fixes the scale (a
 * rubric's choices); otherwise numbers ascend and false precedes true. Strings have no natural scale
 * order, so ordered use of strings without `order` is refused rather than guessed alphabetically.
 */
export function categoriesOf(values: Iterable<AgreementValue>, ordered: boolean, order?: readonly AgreementValue[]): AgreementValue[] {
  const distinct = new Map<string, AgreementValue>();
  for (const v of values) if (!distinct.has(valueKey(v))) distinct.set(valueKey(v), v);
  if (order) {
    const known = new Set(order.map(valueKey));
    for (const [key, v] of distinct) {
      if (!known.has(key)) throw new RangeError(`value ${JSON.stringify(v)} is not in the given order ${JSON.stringify(order)}`);
    }
    return [...order];
  }
  const list = [...distinct.values()];
  if (list.every((v) => typeof v === 'number')) return list.sort((a, b) => a - b);
  if (list.every((v) => typeof v === 'boolean')) return list.sort((a, b) => Number(a) - Number(b));
  if (ordered) throw new RangeError('ordered statistics on text values need an explicit order of the categories');
  return list;
}

/** Index of each category, by `valueKey`. */
export function indexOfCategories(categories: readonly AgreementValue[]): Map<string, number> {
  return new Map(categories.map((c, i) => [valueKey(c), i]));
}
