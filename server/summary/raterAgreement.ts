import { axisAgreement, levelOfAxis, type AxisAgreement, type MaybeValue } from '../agreement';
import { OVERALL_MAX, OVERALL_MIN } from '../rubric/types';
import { tableAgreement } from './agreementTables';
import { byCodeUnits } from './estimates';
import type { CleanRating, CodedAxis } from './ratingIntake';
import type { AgreementEntry } from './types';

/** Answers rated by at least two raters (id order) against the raters who rated them (id order). */
export interface RaterGrid {
  raters: string[];
  units: number;
  /** cells[rater * units + unit]: that rater's rating of that answer, or undefined. */
  cells: (CleanRating | undefined)[];
}

/**
 * Agreement per axis and on the overall score among the raters of `ratings`, over the answers at least two
 * of them rated (an answer seen by one rater says nothing about agreement). Raters and answers are put in
 * id order, so the coefficients do not depend on the order of the input. Axes with few categories are
 * counted into contingency and coincidence tables (agreementTables.ts); interval axes go through
 * server/agreement value by value.
 */
export function agreementEntries(axes: readonly CodedAxis[], ratings: readonly CleanRating[]): AgreementEntry[] {
  const grid = raterGrid(ratings);
  const entries: AgreementEntry[] = [];
  for (const { axis, coding, position } of axes) {
    const level = levelOfAxis(axis);
    if (!level) continue;
    if (level === 'interval') entries.push(entryOf(axisAgreement(axis, valueTable(grid, (r) => r.values[position]?.value))!, grid));
    else entries.push(tableAgreement(axis.id, level, coding.choices.map((c) => c.value), grid, (r) => r.values[position]?.choice));
  }
  const scale = Array.from({ length: OVERALL_MAX - OVERALL_MIN + 1 }, (_, i) => OVERALL_MIN + i);
  entries.push(tableAgreement('overall', 'ordinal', scale, grid, (r) => (r.overall === undefined ? undefined : r.overall - OVERALL_MIN)));
  return entries;
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
  const cells = new Array<CleanRating | undefined>(raters.length * units.length);
  units.forEach((id, u) => {
    for (const r of byAnswer.get(id) ?? []) cells[row.get(r.raterId)! * units.length + u] = r;
  });
  return { raters, units: units.length, cells };
}

/** Raters x answers of one axis's values, as server/agreement takes them. */
function valueTable(grid: RaterGrid, valueOf: (r: CleanRating) => MaybeValue): MaybeValue[][] {
  return grid.raters.map((_, i) => Array.from({ length: grid.units }, (_, u) => {
    const r = grid.cells[i * grid.units + u];
    return r ? (valueOf(r) ?? null) : null;
  }));
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
