/**
 * Finds where a field's value stands inside a record's JSON text, to point a problem at it. Only called
 * when there is a problem to report, so the fast path never pays for positions it does not need.
 * The text is known to be valid JSON (it passed the scanner or JSON.parse).
 */

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * The position of the value at `path` (object keys and array indexes) in `text`, which starts at
 * `start`. When the path does not exist, the position of the deepest part of it that does.
 */
export function locateJsonField(text: string, start: TextPosition, path: readonly (string | number)[]): TextPosition {
  let at = skipWs(text, 0);
  for (const step of path) {
    const inner = typeof step === 'number' ? arrayElement(text, at, step) : objectMember(text, at, step);
    if (inner < 0) break;
    at = inner;
  }
  return positionOf(text, at, start);
}

function positionOf(text: string, offset: number, start: TextPosition): TextPosition {
  let line = start.line;
  let lineStart = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i;
  }
  return { line, column: lineStart < 0 ? start.column + offset : offset - lineStart };
}

function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
    i++;
  }
  return i;
}

/** Index just after the string starting at `i` (a '"'). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j + 1;
  }
  return text.length;
}

/** Index just after the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    while (j < text.length && !',]} \n\r\t'.includes(text[j] as string)) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 34) j = skipString(text, j) - 1;
    else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
  }
  return text.length;
}

/** Start of the value of member `key` of the object at `i`, or -1. */
function objectMember(text: string, i: number, key: string): number {
  if (text.charCodeAt(i) !== 123) return -1;
  let j = skipWs(text, i + 1);
  while (j < text.length && text.charCodeAt(j) === 34) {
    const keyEnd = skipString(text, j);
    const name = JSON.parse(text.slice(j, keyEnd)) as string;
    const valueAt = skipWs(text, skipWs(text, keyEnd) + 1);
    if (name === key) return valueAt;
    j = skipWs(text, skipValue(text, valueAt));
    if (text.charCodeAt(j) !== 44) return -1;
    j = skipWs(text, j + 1);
  }
  return -1;
}

/** Start of element `index` of the array at `i`, or -1. */
function arrayElement(text: string, i: number, index: number): number {
  if (text.charCodeAt(i) !== 91) return -1;
  let j = skipWs(text, i + 1);
  for (let k = 0; j < text.length && text.charCodeAt(j) !== 93; k++) {
    if (k === index) return j;
    j = skipWs(text, skipValue(text, j));
    if (text.charCodeAt(j) !== 44) return -1;
    j = skipWs(text, j + 1);
  }
  return -1;
}
