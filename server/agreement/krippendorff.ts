import { assertReliabilityData, valuesByUnit, type ReliabilityData } from './reliabilityData';
import { categoriesOf, indexOfCategories, valueKey, type AgreementValue, type MeasurementLevel, type UndefinedReason } from './values';

export interface AlphaResult {
  /** Krippendorff's alpha, or null when it is undefined (see `reason`). */
  alpha: number | null;
  /** D_o: mean disagreement between values paired within units. */
  observedDisagreement: number;
  /** D_e: mean disagreement between any two pairable values, whatever their unit. */
  expectedDisagreement: number;
  /** n: values in units rated by at least two raters (the only ones that can be paired). */
  pairableValues: number;
  /** Units rated by at least two raters. */
  units: number;
  reason?: UndefinedReason;
}

export interface AlphaOptions {
  /** Ordinal scale order of the categories (needed for text categories; a rubric's choices). */
  order?: readonly AgreementValue[];
}

/**
 * Krippendorff's alpha = 1 - D_o / D_e, computed through the coincidence matrix as in Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability" (2011): every unit with m >= 2 values contributes each
 * ordered pair of its values with weight 1/(m - 1); units with fewer values are left out, so missing
 * ratings need no imputation. The level chooses the difference function delta^2.
 */
export function krippendorffAlpha(data: ReliabilityData, level: MeasurementLevel, options: AlphaOptions = {}): AlphaResult {
  assertReliabilityData(data);
  const units = valuesByUnit(data).filter((values) => values.length >= 2);
  const n = units.reduce((s, values) => s + values.length, 0);
  const base = { alpha: null, observedDisagreement: 0, expectedDisagreement: 0, pairableValues: n, units: units.length };
  if (n === 0) return { ...base, reason: 'no-pairable-values' };
  const scale = buildScale(units, level, options.order);
  // Decided on the values, not on D_e: a float test cannot tell "all equal" from "tiny differences".
  if (new Set(units.flat().map(valueKey)).size < 2) return { ...base, reason: 'no-variation' };
  let observedSum = 0;
  for (const values of units) observedSum += scale.withinUnit(values) / (values.length - 1);
  const observed = observedSum / n;
  const expected = scale.acrossAll() / (n * (n - 1));
  return { ...base, observedDisagreement: observed, expectedDisagreement: expected, alpha: 1 - observed / expected };
}

/**
 * Krippendorff's alpha from a coincidence matrix already tallied (Krippendorff 2011, section C): o[c][k] sums,
 * over units with m >= 2 values, (values c times values k, less one on the diagonal) / (m - 1), with
 * `categories` in scale order. The same coefficient as `krippendorffAlpha` on the data behind the matrix,
 * for callers that count categories rather than hold every value (a study's summary). `units` is only
 * reported. Suited to few categories (the cost is categories squared): interval data with many distinct
 * values belongs in `krippendorffAlpha`.
 */
export function krippendorffAlphaFromCoincidences(
  coincidences: readonly (readonly number[])[],
  level: MeasurementLevel,
  categories: readonly AgreementValue[],
  units: number,
): AlphaResult {
  const k = categories.length;
  if (coincidences.length !== k || coincidences.some((row) => row.length !== k)) throw new RangeError(`the coincidence matrix must be ${k}x${k}, one row and column per category`);
  const counts = coincidences.map((row) => row.reduce((a, b) => a + b, 0));
  const n = Math.round(counts.reduce((a, b) => a + b, 0));
  const base = { alpha: null, observedDisagreement: 0, expectedDisagreement: 0, pairableValues: n, units };
  if (n === 0) return { ...base, reason: 'no-pairable-values' };
  if (counts.filter((c) => c > 0).length < 2) return { ...base, reason: 'no-variation' };
  const delta = deltaFunction(level, categories, counts);
  let observedSum = 0;
  let expectedSum = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < k; j++) {
      if (c === j) continue;
      const d = delta(c, j);
      observedSum += (coincidences[c]?.[j] ?? 0) * d;
      expectedSum += (counts[c] ?? 0) * (counts[j] ?? 0) * d;
    }
  }
  const observed = observedSum / n;
  const expected = expectedSum / (n * (n - 1));
  return { ...base, observedDisagreement: observed, expectedDisagreement: expected, alpha: 1 - observed / expected };
}

/** Sums of delta^2 over ordered value pairs: within one unit, and across all pairable values. */
interface Scale {
  withinUnit(values: readonly AgreementValue[]): number;
  acrossAll(): number;
}

function buildScale(units: AgreementValue[][], level: MeasurementLevel, order?: readonly AgreementValue[]): Scale {
  const all = units.flat();
  if (level === 'interval') return intervalScale(all.map(asNumber));
  const categories = categoriesOf(all, level === 'ordinal', order);
  const index = indexOfCategories(categories);
  const counts = categories.map(() => 0);
  for (const v of all) {
    const c = index.get(valueKey(v)) ?? 0;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const delta = deltaFunction(level, categories, counts);
  const withinUnit = (values: readonly AgreementValue[]): number => {
    const local = new Map<number, number>();
    for (const v of values) {
      const c = index.get(valueKey(v)) ?? 0;
      local.set(c, (local.get(c) ?? 0) + 1);
    }
    let sum = 0;
    for (const [c, nc] of local) for (const [k, nk] of local) if (c !== k) sum += nc * nk * delta(c, k);
    return sum;
  };
  const acrossAll = (): number => {
    let sum = 0;
    for (let c = 0; c < counts.length; c++) for (let k = 0; k < counts.length; k++) if (c !== k) sum += (counts[c] ?? 0) * (counts[k] ?? 0) * delta(c, k);
    return sum;
  };
  return { withinUnit, acrossAll };
}

/** delta^2 between categories c and k (indices into the ordered category list). */
function deltaFunction(level: MeasurementLevel, categories: readonly AgreementValue[], counts: readonly number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal': {
      // Distance is the number of values lying between c and k, counting c and k as half each.
      const cumulative = [0];
      for (const n of counts) cumulative.push((cumulative[cumulative.length - 1] ?? 0) + n);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        const between = (cumulative[hi + 1] ?? 0) - (cumulative[lo] ?? 0) - ((counts[lo] ?? 0) + (counts[hi] ?? 0)) / 2;
        return between * between;
      };
    }
    case 'ratio': {
      const x = categories.map(asNumber);
      return (c, k) => {
        const a = x[c] ?? 0;
        const b = x[k] ?? 0;
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      };
    }
    case 'interval': {
      const x = categories.map(asNumber);
      return (c, k) => ((x[c] ?? 0) - (x[k] ?? 0)) ** 2;
    }
  }
}

/**
 * Interval delta^2 = (a - b)^2 sums in closed form, sum over ordered pairs = 2 (m * sum x^2 - (sum x)^2),
 * so large numeric data costs O(n) instead of a matrix over every distinct value. Values are centred
 * first to keep the subtraction from cancelling digits.
 */
function intervalScale(values: number[]): Scale {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const pairSum = (xs: readonly number[]): number => {
    let s = 0;
    let s2 = 0;
    for (const x of xs) {
      s += x - mean;
      s2 += (x - mean) ** 2;
    }
    return Math.max(0, 2 * (xs.length * s2 - s * s));
  };
  return { withinUnit: (unit) => pairSum(unit.map(asNumber)), acrossAll: () => pairSum(values) };
}

function asNumber(v: AgreementValue): number {
  if (typeof v !== 'number') throw new TypeError(`interval and ratio levels need numbers, got ${JSON.stringify(v)}`);
  return v;
}
