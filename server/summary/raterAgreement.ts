import { axisAgreement, levelOfAxis, type AxisAgreement, type MaybeValue } from '../agreement';
import { OVERALL_MAX, OVERALL_MIN } from '../rubric/types';
import { addTally, tallyAxis, tallyEntry, type AxisTally, type RaterGrid } from './agreementTables';
import type { ChoiceTable } from './choiceTable';
import { byCodeUnits } from './estimates';
import type { CleanRating, CodedAxis } from './ratingIntake';
import type { AgreementEntry } from './types';

/**
 * What agreement needs of a set of ratings: who rated, how many answers two or more rated, and per axis
 * (rubric axes, then `overall`) the category counts, or for an interval axis (no counts) the ratings.
 */
export interface AgreementTally {
  raters: Set<string>;
  units: number;
  axes: (AxisTally | undefined)[];
  ratings: readonly CleanRating[];
}

/**
 * Agreement per axis and on the overall score among the raters of `ratings` (tallyEntries gives the
 * entries), over the answers at least two of them rated (an answer seen by one rater says nothing about
 * agreement). Raters and answers are put in id order, so the coefficients do not depend on the order of
 * the input. Axes with few categories are counted into tables (agreementTables.ts); interval axes go
 * through server/agreement value by value in tallyEntries.
 */
export function agreementTally(axes: readonly CodedAxis[], ratings: readonly CleanRating[], table: ChoiceTable): AgreementTally {
  const grid = raterGrid(ratings);
  const tallies = axes.map(({ axis, coding, position }) => {
    const level = levelOfAxis(axis);
    if (!level || level === 'interval') return undefined;
    return tallyAxis(axis.id, level, coding.choices.map((c) => c.value), grid, table, position);
  });
  const scale = Array.from({ length: OVERALL_MAX - OVERALL_MIN + 1 }, (_, i) => OVERALL_MIN + i);
  tallies.push(tallyAxis('overall', 'ordinal', scale, grid, table, axes.length));
  return { raters: new Set(grid.raters), units: grid.units, axes: tallies, ratings };
}

/**
 * The tallies of models, whose answers are disjoint (the intake keeps one model per answer), as one: the
 * pooled agreement without counting every rating a second time.
 */
export function pooledTally(axes: readonly CodedAxis[], parts: readonly AgreementTally[], ratings: readonly CleanRating[], table: ChoiceTable): AgreementTally {
  const [first, ...rest] = parts;
  if (!first) return agreementTally(axes, ratings, table);
  const pooled: AgreementTally = { raters: new Set(first.raters), units: first.units, axes: first.axes.map(copyTally), ratings };
  for (const part of rest) {
    for (const rater of part.raters) pooled.raters.add(rater);
    pooled.units += part.units;
    part.axes.forEach((t, i) => {
      const into = pooled.axes[i];
      if (into && t) addTally(into, t);
    });
  }
  return pooled;
}

export function tallyEntries(axes: readonly CodedAxis[], tally: AgreementTally): AgreementEntry[] {
  const entries: AgreementEntry[] = [];
  let grid: RaterGrid | undefined;
  axes.forEach(({ axis, position }, i) => {
    const counted = tally.axes[i];
    if (counted) return entries.push(tallyEntry(counted, tally.raters.size, tally.units));
    if (levelOfAxis(axis) !== 'interval') return;
    grid ??= raterGrid(tally.ratings);
    const byRow = new Map(tally.ratings.map((r) => [r.row, r]));
    entries.push(entryOf(axisAgreement(axis, valueTable(grid, (row) => byRow.get(row)?.values[position]?.value))!, grid));
  });
  const overall = tally.axes[axes.length];
  if (overall) entries.push(tallyEntry(overall, tally.raters.size, tally.units));
  return entries;
}

function copyTally(t: AxisTally | undefined): AxisTally | undefined {
  return t && { ...t, pairs: t.pairs.map((row) => [...row]), coincidences: t.coincidences.map((row) => [...row]) };
}

function raterGrid(ratings: readonly CleanRating[]): RaterGrid {
  const byAnswer = new Map<string, CleanRating[]>();
  for (const r of ratings) {
    const list = byAnswer.get(r.answerId);
    if (list) list.push(r);
    else byAnswer.set(r.answerId, [r]);
  }
  const units = [...byAnswer.keys()].filter((id) => (byAnswer.get(id)?.length ?? 0) >= 2).sort(byCodeUnits);
  const raters = [...new Set(units.flatMap((id) => (byAnswer.get(id) ?? []).map((r) => r.raterId)))].sort(byCodeUnits);
  const row = new Map(raters.map((rater, i) => [rater, i]));
  const cells = new Int32Array(raters.length * units.length).fill(-1);
  units.forEach((id, u) => {
    for (const r of byAnswer.get(id) ?? []) cells[row.get(r.raterId)! * units.length + u] = r.row;
  });
  return { raters, units: units.length, cells };
}

/** Raters x answers of one axis's values, as server/agreement takes them; `valueOf` reads a rating's row. */
function valueTable(grid: RaterGrid, valueOf: (row: number) => MaybeValue): MaybeValue[][] {
  return grid.raters.map((_, i) =>
    Array.from({ length: grid.units }, (_, u) => {
      const row = grid.cells[i * grid.units + u]!;
      return row < 0 ? null : (valueOf(row) ?? null);
    }),
  );
}

function entryOf(report: AxisAgreement, grid: RaterGrid): AgreementEntry {
  const entry: AgreementEntry = {
    axisId: report.axisId,
    level: report.level,
    raters: report.raters,
    units: grid.units,
    krippendorffAlpha: report.krippendorffAlpha.alpha,
    cohenKappa: report.cohenKappa?.kappa ?? null,
  };
  if (report.krippendorffAlpha.reason) entry.alphaReason = report.krippendorffAlpha.reason;
  if (report.cohenKappa?.reason) entry.kappaReason = report.cohenKappa.reason;
  return entry;
}
