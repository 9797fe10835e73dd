import { adjacentAmbiguousSpans, ambiguousNameSpans, distinctiveNameSpans, type NameSpan } from './nameDetection';
import { selfIdentificationSpans } from './selfIdentification';
import { studyModelSpans } from './studyModelNames';

export type UnblindingKind = 'model' | 'maker';

/** A stretch of an answer that would reveal its model to a blinded rater. Offsets are UTF-16 indices. */
export interface UnblindingSpan {
  start: number;
  end: number;
  /** The original text of the span. */
  text: string;
  kind: UnblindingKind;
  /** Why it was masked, for the rater's tooltip and the log. */
  reason: string;
}

export interface UnblindingOptions {
  /** Every model id in the study (and the answer's own): each is masked wherever it occurs. */
  modelNames?: readonly string[];
  /** What a masked span is replaced with. */
  replacement?: string;
}

export interface MaskedText {
  /** The text with every span replaced. */
  text: string;
  /** The spans, in order and without overlaps, in the original text. */
  spans: UnblindingSpan[];
  /** True when something was masked: the answer tried to unblind the rater and is flagged. */
  flagged: boolean;
}

export const DEFAULT_MASK = '[name hidden]';

/**
 * Finds what in an answer names its model or maker: known model and maker names (ambiguous ones like
 * "Claude" or "Llama" only in an AI context, never as eponyms), phrases in which an answer introduces
 * itself or its maker under any name, and the study's own model ids.
 */
export function findUnblindingSpans(text: string, options: UnblindingOptions = {}): UnblindingSpan[] {
  const found: NameSpan[] = [...distinctiveNameSpans(text), ...ambiguousNameSpans(text), ...selfIdentificationSpans(text), ...studyModelSpans(text, options.modelNames ?? [])];
  // concat, not push(...): a hostile answer can hold more names than a call may take arguments.
  return mergeSpans(found.concat(adjacentAmbiguousSpans(text, found))).map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end), kind: s.kind === 'maker' ? 'maker' : 'model', reason: s.reason }));
}

/** The answer as a blinded rater sees it, with the spans that would unblind them replaced. */
export function maskUnblinding(text: string, options: UnblindingOptions = {}): MaskedText {
  const spans = findUnblindingSpans(text, options);
  const replacement = options.replacement ?? DEFAULT_MASK;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + replacement;
    at = s.end;
  }
  return { text: out + text.slice(at), spans, flagged: spans.length > 0 };
}

/** Overlapping or touching spans become one, so a name and its version are masked as a single stretch. */
function mergeSpans(spans: readonly NameSpan[]): NameSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: NameSpan[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}
