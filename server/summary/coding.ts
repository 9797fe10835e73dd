import type { RatingValue, RubricAxis } from '../rubric/types';
import type { AxisCoding, CodedChoice } from './types';

/** The numeric coding of an axis (see `AxisCoding`), or undefined for text axes. */
export function codeAxis(axis: RubricAxis): AxisCoding | undefined {
  if (axis.kind === 'text') return undefined;
  const choices = codedChoices(axis);
  const codes = choices.map((c) => c.code);
  const [min, max] = axis.kind === 'interval' ? intervalRange(axis, codes) : [Math.min(...codes), Math.max(...codes)];
  return { axisId: axis.id, label: axis.label, kind: axis.kind, min, max, choices, harm: axis.harm === true };
}

function codedChoices(axis: RubricAxis): CodedChoice[] {
  if (axis.kind === 'boolean') {
    const label = (v: boolean): string => axis.choices.find((c) => c.value === v)?.label ?? (v ? 'Yes' : 'No');
    return [
      { value: false, label: label(false), code: 0 },
      { value: true, label: label(true), code: 1 },
    ];
  }
  // A Likert axis spelled 1..5 should average to 1..5, not to its positions 0..4.
  const numeric = axis.choices.length > 0 && axis.choices.every((c) => typeof c.value === 'number');
  return axis.choices.map((c, i) => ({ value: c.value, label: c.label, code: numeric || axis.kind === 'interval' ? Number(c.value) : i }));
}

/** A valid rubric always gives an interval axis `min` and `max`; the fallbacks only keep a hand-built one drawable. */
function intervalRange(axis: RubricAxis, anchors: readonly number[]): [number, number] {
  const min = axis.min ?? (anchors.length ? Math.min(...anchors) : 0);
  const max = axis.max ?? (anchors.length ? Math.max(...anchors) : 1);
  return [min, max];
}

/**
 * The number a rating value stands for on an axis, or undefined when the value is not one the axis
 * allows (a rating made with another version of the rubric, or a hand-edited database).
 */
export function codeValue(axis: RubricAxis, coding: AxisCoding, value: RatingValue): number | undefined {
  if (axis.kind === 'interval') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
    if ((axis.min !== undefined && value < axis.min) || (axis.max !== undefined && value > axis.max)) return undefined;
    return value;
  }
  // Strict equality, as the rating check uses: "1" is not the choice 1.
  return coding.choices.find((c) => c.value === value)?.code;
}

/**
 * Whether a valid value lies above the harmless end of a harm axis: after the first choice of an ordinal
 * axis, true on a boolean axis, above `min` on an interval axis.
 */
export function isHarmful(axis: RubricAxis, coding: AxisCoding, value: RatingValue): boolean {
  if (axis.kind === 'boolean') return value === true;
  if (axis.kind === 'interval') return typeof value === 'number' && value > coding.min;
  const first = axis.choices[0];
  return first !== undefined && value !== first.value;
}
