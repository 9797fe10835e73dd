/**
 * A rubric as the rest of the core sees it: validated, with every default filled in, so the panel,
 * the store and the exporters never have to know which fields a file left out.
 */

export type AxisKind = 'ordinal' | 'nominal' | 'interval' | 'boolean' | 'text';

export const AXIS_KINDS: readonly AxisKind[] = ['ordinal', 'nominal', 'interval', 'boolean', 'text'];

/** A value a rater can give on a choice axis. */
export type ChoiceValue = string | number | boolean;

/** A value stored for one axis of one rating: a choice value, a number, or text. */
export type RatingValue = string | number | boolean;

export interface RubricChoice {
  value: ChoiceValue;
  label: string;
  description?: string;
  /** One letter or digit that picks this choice while its axis has focus. */
  key?: string;
}

export interface RubricAxis {
  id: string;
  label: string;
  description?: string;
  kind: AxisKind;
  required: boolean;
  /** In scale order for ordinal axes; empty for text axes and for interval axes without anchors. */
  choices: RubricChoice[];
  /** Interval axes only. */
  min?: number;
  max?: number;
  step?: number;
  /** Text axes only. */
  maxLength?: number;
  /**
   * The axis measures possible harm (the summary reports its harm rate). A value counts as harmful when it
   * lies above the harmless end of the scale: a choice after the first on an ordinal axis (so the harmless
   * choice is listed first), `true` on a boolean axis, a value above `min` on an interval axis.
   * Present only when true, so rubrics without harm axes keep their content hash.
   */
  harm?: boolean;
}

/** The 1-5 overall score every rubric carries. */
export interface OverallScore {
  label: string;
  description?: string;
  required: boolean;
  /** Labels for points of the scale; values are integers 1..5. */
  choices: RubricChoice[];
}

export interface CommentField {
  label: string;
  description?: string;
  required: boolean;
  maxLength?: number;
}

export interface Rubric {
  id: string;
  version: string;
  title: string;
  instructions?: string;
  axes: RubricAxis[];
  overall: OverallScore;
  comment: CommentField;
}

export const OVERALL_MIN = 1;
export const OVERALL_MAX = 5;

/** Axis ids that would clash with the overall score and comment columns of an export. */
export const RESERVED_AXIS_IDS: readonly string[] = ['overall', 'comment'];
