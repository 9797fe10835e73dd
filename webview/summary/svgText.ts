/**
 * Text that goes into a chart: model names come from dataset files and are hostile input, so every
 * string is made safe for XML (escaped, no characters XML forbids) and for reading (no bidi controls that
 * would reorder what the reader sees). Pure; no DOM.
 */

/** Characters XML 1.0 forbids, and lone surrogates (a broken file otherwise). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: XML forbids them
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Embeddings, overrides and isolates: they can make "alpha" display as another name. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** A label as it will be shown: controls removed, whitespace runs collapsed. */
export function cleanLabel(text: string): string {
  return text.replace(FORBIDDEN, '').replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
}

/** Escapes text for element content and for attribute values in double or single quotes. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Average advance of a character in em for a proportional UI font; generous, so labels do not collide. */
export const CHAR_EM = 0.6;

/** Estimated width in em: the chart is laid out before any font is known (the export has none). */
export function textWidthEm(text: string): number {
  return [...text].length * CHAR_EM;
}

/** Cuts a label to `max` characters with an ellipsis; the caller keeps the full text in a tooltip. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
