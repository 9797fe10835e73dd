/**
 * The per-model summary of a study: plain data in, plain data out, so the store, the CLI, the language
 * server and the panel can all fill and read it without knowing each other.
 */
import type { MeasurementLevel, UndefinedReason } from '../agreement/values';
import type { AxisKind, RatingValue, Rubric } from '../rubric/types';

// ---------------------------------------------------------------- input

/** One saved rating, as a store row holds it. */
export interface SummaryRating {
  raterId: string;
  answerId: string;
  questionId: string;
  model: string;
  /** Axis id to value; absent or null where the rater left the axis empty. */
  values: Record<string, RatingValue | null | undefined>;
  /** The 1-5 overall score. */
  overall?: number | null;
}

/** ROUGE F-measures of one answer against its reference (0..1). */
export interface SummaryRouge {
  answerId: string;
  model: string;
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** Answer extraction against the dataset's label (MedQA letter, PubMedQA decision) for one model. */
export interface SummaryAccuracy {
  model: string;
  correct: number;
  /** Answers graded, counting the unextractable ones as not correct. */
  total: number;
  unextractable: number;
}

export interface SummaryInput {
  rubric: Rubric;
  ratings: readonly SummaryRating[];
  rouge?: readonly SummaryRouge[];
  accuracy?: readonly SummaryAccuracy[];
}

export interface SummaryOptions {
  /** Seed of every bootstrap (default 1): the same data and seed give the same intervals everywhere. */
  seed?: number;
  /** Bootstrap resamples (default 2000). */
  resamples?: number;
}

// ---------------------------------------------------------------- output

/** A mean with its percentile bootstrap 95% interval; `n` is the number of values resampled. */
export interface MeanEstimate {
  estimate: number;
  low: number;
  high: number;
  n: number;
}

/** A proportion with its Wilson 95% interval. */
export interface ProportionEstimate {
  successes: number;
  trials: number;
  estimate: number;
  low: number;
  high: number;
}

/** One choice of an axis and the number it stands for in means. */
export interface CodedChoice {
  value: RatingValue;
  label: string;
  code: number;
}

/**
 * How an axis enters the summary. Ordinal axes whose choices are all numbers keep those numbers; other
 * ordinal axes are coded 0, 1, 2, ... in the rubric's choice order (the first choice is 0). Boolean axes are
 * false = 0 and true = 1, so their mean is the share of "yes". Interval axes keep their values. Nominal
 * axes have no mean, only a distribution.
 */
export interface AxisCoding {
  axisId: string;
  label: string;
  kind: Exclude<AxisKind, 'text'>;
  /** Range of the coded scale (chart domains): the smallest and largest code, or an interval axis's min and max. */
  min: number;
  max: number;
  choices: CodedChoice[];
  harm: boolean;
}

export interface AxisMean {
  measure: 'mean';
  axisId: string;
  /** Ratings with a valid value on this axis. */
  ratings: number;
  /** Each answer's ratings are averaged first, so `mean.n` counts answers. Null when nobody rated the axis. */
  mean: MeanEstimate | null;
}

export interface ChoiceShare {
  value: RatingValue;
  label: string;
  share: ProportionEstimate | null;
}

export interface AxisDistribution {
  measure: 'distribution';
  axisId: string;
  ratings: number;
  /** Every choice of the axis in rubric order, including unused ones. */
  choices: ChoiceShare[];
}

export type AxisSummary = AxisMean | AxisDistribution;

export interface HarmRate {
  axisId: string;
  /** Share of ratings above the axis's harmless end; null when no rating set the axis. */
  rate: ProportionEstimate | null;
}

export interface RougeMeans {
  /** Answers with ROUGE figures. */
  answers: number;
  rouge1: MeanEstimate;
  rouge2: MeanEstimate;
  rougeL: MeanEstimate;
}

export interface AccuracySummary {
  correct: number;
  total: number;
  unextractable: number;
  accuracy: ProportionEstimate | null;
}

/**
 * Agreement on one axis (or `overall`) among raters, over answers that at least two raters rated.
 * Kappa is Cohen's, given only when exactly two raters rated those answers: unweighted on nominal and
 * boolean axes, linearly weighted on ordinal axes and the overall score, quadratically on interval axes.
 */
export interface AgreementEntry {
  axisId: string;
  level: MeasurementLevel;
  raters: number;
  /** Answers rated by at least two raters. */
  units: number;
  krippendorffAlpha: number | null;
  alphaReason?: UndefinedReason;
  cohenKappa: number | null;
  kappaReason?: UndefinedReason;
}

export interface ModelSummary {
  model: string;
  /** Distinct answers with at least one rating. */
  answers: number;
  ratings: number;
  raters: number;
  /** Rubric order; text axes are left out. */
  axes: AxisSummary[];
  overall: MeanEstimate | null;
  /** One entry per harm axis of the rubric, in rubric order. */
  harm: HarmRate[];
  rouge: RougeMeans | null;
  accuracy: AccuracySummary | null;
  /** Rubric axes (text axes left out) followed by `overall`. */
  agreement: AgreementEntry[];
}

/** Something in the input the summary had to leave out; `field` is a path into the input. */
export interface SummaryIssue {
  field: string;
  code: 'invalid-value' | 'unknown-axis' | 'duplicate-rating' | 'model-mismatch' | 'invalid-rouge' | 'invalid-accuracy';
  message: string;
}

export interface StudySummary {
  rubric: { id: string; version: string; title: string; overallLabel: string };
  settings: { seed: number; resamples: number; confidence: number };
  /** Coding of every non-text axis, in rubric order. */
  codings: AxisCoding[];
  /** Sorted by name, ignoring case first (independent of locale). */
  models: ModelSummary[];
  /** Agreement over all models' answers together. */
  pooledAgreement: AgreementEntry[];
  issues: SummaryIssue[];
}
