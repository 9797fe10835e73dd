import { cohenKappa, type KappaResult } from './cohen';
import { fleissKappa } from './fleiss';
import { krippendorffAlpha, type AlphaResult } from './krippendorff';
import { assertReliabilityData, type ReliabilityData } from './reliabilityData';
import type { KappaWeights } from './weights';
import type { AgreementValue, MeasurementLevel } from './values';

export interface AgreementOptions {
  /** Scale order of the categories, for ordinal data and weighted kappa (a rubric's choices). */
  order?: readonly AgreementValue[];
  /** Weights for Cohen's kappa; by default none for nominal, linear for ordinal, quadratic for interval and ratio. */
  cohenWeights?: KappaWeights;
}

/** Every coefficient that applies to the data, with the counts behind it. */
export interface AgreementReport {
  level: MeasurementLevel;
  raters: number;
  units: number;
  krippendorffAlpha: AlphaResult;
  /** Present only when every rater rated every unit (Fleiss' kappa has no missing-data form). */
  fleissKappa: KappaResult | null;
  /** Present only with exactly two raters. */
  cohenKappa: KappaResult | null;
}

/** The numbers the CLI prints: `medreview agreement` output. */
export interface AgreementSummary {
  krippendorffAlpha: number | null;
  fleissKappa: number | null;
  cohenKappa: number | null;
}

/** The default Cohen weighting for a level: quadratic weights make kappa approximate an intraclass correlation. */
export function defaultCohenWeights(level: MeasurementLevel): KappaWeights {
  return level === 'nominal' ? 'none' : level === 'ordinal' ? 'linear' : 'quadratic';
}

export function agreementReport(data: ReliabilityData, level: MeasurementLevel, options: AgreementOptions = {}): AgreementReport {
  assertReliabilityData(data);
  const raters = data.length;
  const fleiss = raters >= 2 ? fleissKappa(data) : null;
  const cohenOptions = { weights: options.cohenWeights ?? defaultCohenWeights(level), ...(options.order ? { categories: options.order } : {}) };
  const [a, b] = data;
  return {
    level,
    raters,
    units: data[0]?.length ?? 0,
    krippendorffAlpha: krippendorffAlpha(data, level, options.order ? { order: options.order } : {}),
    fleissKappa: fleiss && fleiss.reason !== 'missing-values' ? fleiss : null,
    cohenKappa: raters === 2 && a && b ? cohenKappa(a, b, cohenOptions) : null,
  };
}

export function summarizeAgreement(report: AgreementReport): AgreementSummary {
  return {
    krippendorffAlpha: report.krippendorffAlpha.alpha,
    fleissKappa: report.fleissKappa?.kappa ?? null,
    cohenKappa: report.cohenKappa?.kappa ?? null,
  };
}
