import { cohenKappaFromTable, defaultCohenWeights, krippendorffAlphaFromCoincidences, type AgreementValue, type MeasurementLevel } from '../agreement';
import type { RaterGrid } from './raterAgreement';
import type { CleanRating } from './ratingIntake';
import type { AgreementEntry } from './types';

/**
 * Krippendorff's alpha and (for two raters) Cohen's kappa of one axis with few categories, from counts:
 * each answer adds its raters' category pairs to a contingency table (two values: one cell) or, with more
 * raters, its share to the coincidence matrix. The same coefficients as server/agreement computes on the
 * raters x answers table (`scale` is the rubric's choice order, as there; `categoryOf` gives a rating's
 * position in it), at a cost of one pass over the
 * ratings instead of several passes with a string key per value: a 300,000-rating study has one table per
 * axis, not 150,000 arrays.
 */
export function tableAgreement(axisId: string, level: MeasurementLevel, scale: readonly AgreementValue[], grid: RaterGrid, categoryOf: (r: CleanRating) => number | undefined): AgreementEntry {
  const k = scale.length;
  const pairs = squareTable(k);
  const coincidences = squareTable(k);
  const present: number[] = [];
  let pairableUnits = 0;
  for (let u = 0; u < grid.units; u++) {
    present.length = 0;
    for (let i = 0; i < grid.raters.length; i++) {
      const r = grid.cells[i * grid.units + u];
      const c = r ? categoryOf(r) : undefined;
      if (c === undefined) continue;
      if (!(c >= 0 && c < k)) throw new RangeError(`category ${c} of ${axisId} is not one of the ${k} of its scale`);
      present.push(c);
    }
    if (present.length < 2) continue;
    pairableUnits++;
    if (present.length === 2) pairs[present[0]!]![present[1]!]!++;
    else addUnit(coincidences, present);
  }
  // A unit of two values c and k coincides as (c, k) and (k, c), each with weight 1 / (2 - 1).
  for (let c = 0; c < k; c++) for (let j = 0; j < k; j++) coincidences[c]![j]! += pairs[c]![j]! + pairs[j]![c]!;
  const alpha = krippendorffAlphaFromCoincidences(coincidences, level, scale, pairableUnits);
  // With two raters every unit of two values is a pair the two rated, rows the first rater's (id order).
  const kappa = grid.raters.length === 2 ? cohenKappaFromTable(pairs, defaultCohenWeights(level)) : null;
  const entry: AgreementEntry = { axisId, level, raters: grid.raters.length, units: grid.units, krippendorffAlpha: alpha.alpha, cohenKappa: kappa?.kappa ?? null };
  if (alpha.reason) entry.alphaReason = alpha.reason;
  if (kappa?.reason) entry.kappaReason = kappa.reason;
  return entry;
}

function squareTable(k: number): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k).fill(0));
}

/** Every ordered pair of a unit's m values (from different raters), weighted 1 / (m - 1). */
function addUnit(coincidences: number[][], present: readonly number[]): void {
  const weight = 1 / (present.length - 1);
  for (let a = 0; a < present.length; a++) {
    for (let b = 0; b < present.length; b++) {
      if (a !== b) coincidences[present[a]!]![present[b]!]! += weight;
    }
  }
}
