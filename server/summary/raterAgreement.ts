import { axisAgreement, overallAgreement, type AxisAgreement, type MaybeValue } from '../agreement';
import { byCodeUnits } from './estimates';
import type { CleanRating, CodedAxis } from './ratingIntake';
import type { AgreementEntry } from './types';

/**
 * Agreement per axis and on the overall score among the raters of `ratings`, over the answers at least two
 * of them rated (an answer seen by one rater says nothing about agreement). Raters and answers are put in
 * id order, so the coefficients do not depend on the order of the input.
 */
export function agreementEntries(axes: readonly CodedAxis[], ratings: readonly CleanRating[]): AgreementEntry[] {
  const byAnswer = new Map<string, CleanRating[]>();
  for (const r of ratings) {
    const list = byAnswer.get(r.answerId);
    if (list) list.push(r);
    else byAnswer.set(r.answerId, [r]);
  }
  const units = [...byAnswer.keys()].filter((id) => (byAnswer.get(id)?.length ?? 0) >= 2).sort(byCodeUnits);
  const raters = [...new Set(units.flatMap((id) => (byAnswer.get(id) ?? []).map((r) => r.raterId)))].sort(byCodeUnits);
  // Rater x answer grid of ratings, built once; each axis only reads its values out of it.
  const row = new Map(raters.map((rater, i) => [rater, i]));
  const grid: (CleanRating | undefined)[][] = raters.map(() => new Array<CleanRating | undefined>(units.length));
  units.forEach((id, u) => {
    for (const r of byAnswer.get(id) ?? []) grid[row.get(r.raterId)!]![u] = r;
  });
  const table = (valueOf: (r: CleanRating) => MaybeValue): MaybeValue[][] => grid.map((cells) => Array.from(cells, (r) => (r ? (valueOf(r) ?? null) : null)));
  const entries: AgreementEntry[] = [];
  for (const { axis } of axes) {
    const report = axisAgreement(axis, table((r) => r.values.get(axis.id)?.value));
    if (report) entries.push(entryOf(report, units.length));
  }
  entries.push(entryOf(overallAgreement(table((r) => r.overall)), units.length));
  return entries;
}

function entryOf(report: AxisAgreement, units: number): AgreementEntry {
  const entry: AgreementEntry = {
    axisId: report.axisId,
    level: report.level,
    raters: report.raters,
    units,
    krippendorffAlpha: report.krippendorffAlpha.alpha,
    cohenKappa: report.cohenKappa?.kappa ?? null,
  };
  if (report.krippendorffAlpha.reason) entry.alphaReason = report.krippendorffAlpha.reason;
  if (report.cohenKappa?.reason) entry.kappaReason = report.cohenKappa.reason;
  return entry;
}
