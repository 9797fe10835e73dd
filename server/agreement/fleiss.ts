import type { KappaResult } from './cohen';
import { assertReliabilityData, hasMissing, valuesByUnit, type ReliabilityData } from './reliabilityData';
import { categoriesOf, indexOfCategories, valueKey } from './values';

/**
 * Fleiss' kappa (Fleiss 1971) from a table of counts: one row per unit, one column per category, each
 * cell the number of raters who put the unit in that category. Every row must sum to the same number
 * of raters n >= 2 (they need not be the same people). Nominal only.
 */
export function fleissKappaFromCounts(counts: readonly (readonly number[])[]): KappaResult {
  const units = counts.length;
  const n = rowSum(counts[0] ?? []);
  const empty: KappaResult = { kappa: null, observedDisagreement: 0, expectedDisagreement: 0, units };
  if (units === 0) return { ...empty, reason: 'no-pairable-values' };
  counts.forEach((row, i) => {
    if (rowSum(row) !== n) throw new RangeError(`unit ${i + 1} has ${rowSum(row)} ratings but unit 1 has ${n}; Fleiss' kappa needs the same number per unit`);
  });
  if (n < 2) return { ...empty, reason: 'too-few-raters' };
  const k = counts[0]?.length ?? 0;
  // P_i: share of agreeing rater pairs on unit i; P-bar their mean.
  const meanP = counts.reduce((s, row) => s + (row.reduce((a, c) => a + c * c, 0) - n) / (n * (n - 1)), 0) / units;
  let expectedAgreement = 0;
  for (let j = 0; j < k; j++) {
    const pj = counts.reduce((s, row) => s + (row[j] ?? 0), 0) / (units * n);
    expectedAgreement += pj * pj;
  }
  const result: KappaResult = { ...empty, observedDisagreement: 1 - meanP, expectedDisagreement: 1 - expectedAgreement };
  // One category in use: its share is exactly 1 and so is chance agreement.
  if (result.expectedDisagreement <= 0) return { ...result, reason: 'no-variation' };
  return { ...result, kappa: (meanP - expectedAgreement) / (1 - expectedAgreement) };
}

/** Fleiss' kappa from raters x units; null ('missing-values') unless every rater rated every unit. */
export function fleissKappa(data: ReliabilityData): KappaResult {
  assertReliabilityData(data);
  const units = data[0]?.length ?? 0;
  if (data.length < 2) return { kappa: null, observedDisagreement: 0, expectedDisagreement: 0, units, reason: 'too-few-raters' };
  if (hasMissing(data)) return { kappa: null, observedDisagreement: 0, expectedDisagreement: 0, units, reason: 'missing-values' };
  const byUnit = valuesByUnit(data);
  const categories = categoriesOf(byUnit.flat(), false);
  const index = indexOfCategories(categories);
  const counts = byUnit.map((values) => {
    const row = categories.map(() => 0);
    for (const v of values) {
      const j = index.get(valueKey(v)) ?? 0;
      row[j] = (row[j] ?? 0) + 1;
    }
    return row;
  });
  return fleissKappaFromCounts(counts);
}

function rowSum(row: readonly number[]): number {
  return row.reduce((a, b) => a + b, 0);
}
