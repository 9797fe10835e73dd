import { cohenKappaFromTable, defaultCohenWeights, krippendorffAlphaFromCoincidences, type AgreementValue, type MeasurementLevel } from '../agreement';
import type { ChoiceTable } from './choiceTable';
import type { AgreementEntry } from './types';

/** Answers rated by at least two raters (id order) against the raters who rated them (id order). */
export interface RaterGrid {
  raters: string[];
  units: number;
  /** cells[rater * units + unit]: the `row` of that rater's rating of that answer, or -1. */
  cells: Int32Array;
}

/**
 * One axis's agreement counts over a set of answers: the contingency table of answers two raters rated
 * (rows: the first rater in id order) and the coincidences of answers more raters rated. Counts of
 * disjoint sets of answers (one per model) add up to the counts of their union (every model together).
 */
export interface AxisTally {
  axisId: string;
  level: MeasurementLevel;
  /** The rubric's choices in scale order, as server/agreement takes them. */
  scale: readonly AgreementValue[];
  pairs: number[][];
  /** Units of three or more values only; the pairs' share is added when the coefficient is computed. */
  coincidences: number[][];
  pairableUnits: number;
}

/**
 * Counts one axis with few categories out of the grid; column `column` of the table holds each rating's
 * position in `scale`. One pass over the ratings instead of several passes with a string key per value: a
 * 300,000-rating study has one small table per axis, not 150,000 arrays.
 */
export function tallyAxis(axisId: string, level: MeasurementLevel, scale: readonly AgreementValue[], grid: RaterGrid, table: ChoiceTable, column: number): AxisTally {
  const k = scale.length;
  const tally: AxisTally = { axisId, level, scale, pairs: squareTable(k), coincidences: squareTable(k), pairableUnits: 0 };
  const present: number[] = [];
  for (let u = 0; u < grid.units; u++) {
    present.length = 0;
    for (let i = 0; i < grid.raters.length; i++) {
      const row = grid.cells[i * grid.units + u]!;
      if (row < 0) continue;
      const c = table.choices[row * table.width + column]!;
      if (c < 0) continue;
      if (c >= k) throw new RangeError(`category ${c} of ${axisId} is not one of the ${k} of its scale`);
      present.push(c);
    }
    if (present.length < 2) continue;
    tally.pairableUnits++;
    if (present.length === 2) tally.pairs[present[0]!]![present[1]!]!++;
    else addUnit(tally.coincidences, present);
  }
  return tally;
}

/** The counts of two disjoint sets of answers together (into `into`). */
export function addTally(into: AxisTally, other: AxisTally): void {
  addTable(into.pairs, other.pairs);
  addTable(into.coincidences, other.coincidences);
  into.pairableUnits += other.pairableUnits;
}

/**
 * Krippendorff's alpha and (for two raters) Cohen's kappa from the counts: the same coefficients as
 * server/agreement computes on the raters x answers table of the same ratings.
 */
export function tallyEntry(tally: AxisTally, raters: number, units: number): AgreementEntry {
  const k = tally.scale.length;
  const coincidences = tally.coincidences.map((row) => [...row]);
  // A unit of two values c and k coincides as (c, k) and (k, c), each with weight 1 / (2 - 1).
  for (let c = 0; c < k; c++) for (let j = 0; j < k; j++) coincidences[c]![j]! += tally.pairs[c]![j]! + tally.pairs[j]![c]!;
  const alpha = krippendorffAlphaFromCoincidences(coincidences, tally.level, tally.scale, tally.pairableUnits);
  // With two raters every unit of two values is a pair the two rated.
  const kappa = raters === 2 ? cohenKappaFromTable(tally.pairs, defaultCohenWeights(tally.level)) : null;
  const entry: AgreementEntry = { axisId: tally.axisId, level: tally.level, raters, units, krippendorffAlpha: alpha.alpha, cohenKappa: kappa?.kappa ?? null };
  if (alpha.reason) entry.alphaReason = alpha.reason;
  if (kappa?.reason) entry.kappaReason = kappa.reason;
  return entry;
}

function squareTable(k: number): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k).fill(0));
}

function addTable(into: number[][], other: readonly (readonly number[])[]): void {
  into.forEach((row, c) => row.forEach((v, j) => (row[j] = v + (other[c]?.[j] ?? 0))));
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
