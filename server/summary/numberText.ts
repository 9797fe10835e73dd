import type { AgreementEntry, AxisCoding, MeanEstimate, ProportionEstimate } from './types';

/**
 * How the renderers write numbers: fixed decimals chosen per measure, so the Markdown table, the CSV and
 * the charts print the same figure for the same estimate.
 */
export type NumberStyle = 'score' | 'percent' | 'rouge' | 'coefficient';

/** toFixed without the "-0.00" a tiny negative rounding error would print. */
export function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

export function formatNumber(value: number, style: NumberStyle): string {
  switch (style) {
    case 'percent':
      return `${fixed(value * 100, 1)}%`;
    case 'rouge':
      return fixed(value, 3);
    case 'score':
    case 'coefficient':
      return fixed(value, 2);
  }
}

/** "0.42 [0.31, 0.55]" */
export function formatInterval(estimate: Pick<MeanEstimate, 'estimate' | 'low' | 'high'>, style: NumberStyle): string {
  return `${formatNumber(estimate.estimate, style)} [${formatNumber(estimate.low, style)}, ${formatNumber(estimate.high, style)}]`;
}

/** "20.0% [5.7%, 51.0%] (2/10)" */
export function formatProportion(p: ProportionEstimate): string {
  return `${formatInterval(p, 'percent')} (${p.successes}/${p.trials})`;
}

/** The style of an axis mean: the share of "yes" for boolean axes, a score otherwise. */
export function axisStyle(coding: Pick<AxisCoding, 'kind'>): NumberStyle {
  return coding.kind === 'boolean' ? 'percent' : 'score';
}

/** "0–2", "1–5": the coded range of an axis, for labels. */
export function rangeText(min: number, max: number): string {
  const short = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4))));
  return `${short(min)}–${short(max)}`;
}

/** "α 0.52, κ 0.50 (n = 5)"; an undefined coefficient says why. */
export function formatAgreement(entry: AgreementEntry): string {
  if (entry.units === 0) return 'n/a (no answer rated twice)';
  const alpha = entry.krippendorffAlpha === null ? `α n/a (${reasonText(entry.alphaReason)})` : `α ${fixed(entry.krippendorffAlpha, 2)}`;
  const kappa = entry.cohenKappa === null ? '' : `, κ ${fixed(entry.cohenKappa, 2)}`;
  return `${alpha}${kappa} (n = ${entry.units})`;
}

function reasonText(reason: AgreementEntry['alphaReason']): string {
  switch (reason) {
    case 'no-variation':
      return 'all values equal';
    case 'no-pairable-values':
      return 'no pairable values';
    case 'too-few-raters':
      return 'fewer than two raters';
    case 'missing-values':
      return 'missing values';
    case undefined:
      return 'undefined';
  }
}
