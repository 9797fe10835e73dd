import { weightMatrix, type KappaWeights } from './weights';
import { categoriesOf, indexOfCategories, isPresent, valueKey, type AgreementValue, type MaybeValue, type UndefinedReason } from './values';

export interface KappaResult {
  /** The coefficient, or null when it is undefined (see `reason`). */
  kappa: number | null;
  /** Weighted proportion of disagreement observed (1 - p_o when unweighted). */
  observedDisagreement: number;
  /** Weighted proportion of disagreement expected by chance (1 - p_e when unweighted). */
  expectedDisagreement: number;
  /** Units that entered the statistic. */
  units: number;
  reason?: UndefinedReason;
}

/**
 * Cohen's kappa from a contingency table (rows: rater A's category, columns: rater B's), in counts or
 * proportions: kappa_w = 1 - sum(w * observed) / sum(w * expected), where expected is the product of the
 * two raters' marginals (Cohen 1960; weighted form Cohen 1968). With `none` this is (p_o - p_e) / (1 - p_e).
 */
export function cohenKappaFromTable(table: readonly (readonly number[])[], weights: KappaWeights = 'none'): KappaResult {
  const k = table.length;
  if (table.some((row) => row.length !== k)) throw new RangeError('the contingency table must be square, one row and column per category');
  const w = weightMatrix(weights, k);
  const total = table.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (!(total > 0)) return { kappa: null, observedDisagreement: 0, expectedDisagreement: 0, units: 0, reason: 'no-pairable-values' };
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0) / total);
  const cols = Array.from({ length: k }, (_, j) => table.reduce((s, row) => s + (row[j] ?? 0), 0) / total);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const wij = w[i]?.[j] ?? 0;
      observed += (wij * (table[i]?.[j] ?? 0)) / total;
      expected += wij * (rows[i] ?? 0) * (cols[j] ?? 0);
    }
  }
  const result: KappaResult = { kappa: null, observedDisagreement: observed, expectedDisagreement: expected, units: total };
  // With one category in use every off-diagonal marginal product is exactly 0, so D_e is exactly 0.
  if (expected <= 0) return { ...result, reason: 'no-variation' };
  return { ...result, kappa: 1 - observed / expected };
}

export interface CohenOptions {
  weights?: KappaWeights;
  /**
   * The categories in scale order (a rubric's choices). Defaults to the values seen, numbers ascending;
   * weighted kappa uses rank distance within this list, so an unused middle category still counts.
   */
  categories?: readonly AgreementValue[];
}

/**
 * Cohen's kappa for two raters' values per unit. Units either rater left unrated are left out
 * (listwise), as kappa compares the two raters on the same units.
 */
export function cohenKappa(a: readonly MaybeValue[], b: readonly MaybeValue[], options: CohenOptions = {}): KappaResult {
  if (a.length !== b.length) throw new RangeError(`the two raters have ${a.length} and ${b.length} values; use null for a missing rating`);
  const pairs: [AgreementValue, AgreementValue][] = [];
  a.forEach((x, i) => {
    const y = b[i];
    if (isPresent(x) && isPresent(y)) pairs.push([x, y]);
  });
  const weights = options.weights ?? 'none';
  const categories = categoriesOf(pairs.flat(), weights !== 'none', options.categories);
  const index = indexOfCategories(categories);
  const table = categories.map(() => categories.map(() => 0));
  for (const [x, y] of pairs) {
    const row = table[index.get(valueKey(x)) ?? -1];
    const j = index.get(valueKey(y)) ?? -1;
    if (row && j >= 0) row[j] = (row[j] ?? 0) + 1;
  }
  return cohenKappaFromTable(table, weights);
}
