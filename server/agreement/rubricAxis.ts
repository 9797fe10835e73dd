import type { RubricAxis } from '../rubric';
import { OVERALL_MAX, OVERALL_MIN } from '../rubric';
import { cohenKappa, type KappaResult } from './cohen';
import { agreementReport, type AgreementReport } from './report';
import type { ReliabilityData } from './reliabilityData';
import type { AgreementValue, MeasurementLevel } from './values';

/** Agreement on one rubric axis: the report for its level, plus both weighted kappas for ordered scales. */
export interface AxisAgreement extends AgreementReport {
  axisId: string;
  /** Two raters on an ordinal or interval axis: kappa with linear and with quadratic weights. */
  cohenKappaLinear: KappaResult | null;
  cohenKappaQuadratic: KappaResult | null;
}

/** The level of measurement of an axis kind; text axes have none. */
export function levelOfAxis(axis: Pick<RubricAxis, 'kind'>): MeasurementLevel | undefined {
  switch (axis.kind) {
    case 'ordinal':
      return 'ordinal';
    case 'nominal':
    case 'boolean':
      return 'nominal';
    case 'interval':
      return 'interval';
    case 'text':
      return undefined;
  }
}

/**
 * Agreement among raters on one axis (raters x answers, null where a rater did not rate an answer).
 * The scale order comes from the rubric, so an ordinal category nobody used still counts in distances.
 * Undefined for text axes.
 */
export function axisAgreement(axis: RubricAxis, data: ReliabilityData): AxisAgreement | undefined {
  const level = levelOfAxis(axis);
  if (!level) return undefined;
  return withWeightedKappas(axis.id, data, level, scaleOf(axis));
}

/** Agreement on the 1-5 overall score, an ordinal scale. */
export function overallAgreement(data: ReliabilityData): AxisAgreement {
  const scale = Array.from({ length: OVERALL_MAX - OVERALL_MIN + 1 }, (_, i) => OVERALL_MIN + i);
  return withWeightedKappas('overall', data, 'ordinal', scale);
}

function withWeightedKappas(axisId: string, data: ReliabilityData, level: MeasurementLevel, order: AgreementValue[] | undefined): AxisAgreement {
  const report = agreementReport(data, level, order ? { order } : {});
  const [a, b] = data;
  const weighted = (weights: 'linear' | 'quadratic'): KappaResult | null =>
    level !== 'nominal' && data.length === 2 && a && b ? cohenKappa(a, b, { weights, ...(order ? { categories: order } : {}) }) : null;
  return { ...report, axisId, cohenKappaLinear: weighted('linear'), cohenKappaQuadratic: weighted('quadratic') };
}

/** The ordered categories of an axis, or undefined to take the values seen (interval axes without anchors). */
function scaleOf(axis: RubricAxis): AgreementValue[] | undefined {
  if (axis.kind === 'interval') {
    if (axis.step === undefined || axis.min === undefined || axis.max === undefined) return undefined;
    const count = Math.floor((axis.max - axis.min) / axis.step + 1e-9) + 1;
    // A fine grid (e.g. 0..100 by 0.01) would only slow kappa down; the seen values rank the same.
    if (count > 1000) return undefined;
    return Array.from({ length: count }, (_, i) => axis.min! + i * axis.step!);
  }
  if (axis.kind === 'boolean') return undefined;
  return axis.choices.map((c) => c.value);
}
