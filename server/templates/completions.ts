import { findFrontMatter } from './frontMatter';
import { PLACEHOLDERS } from './placeholders';

export interface PlaceholderCompletion {
  label: string;
  detail: string;
  documentation: string;
  /** Text to put in place of [replaceStart, replaceEnd): the name, plus `}}` when the braces are not closed yet. */
  insertText: string;
}

export interface PlaceholderCompletions {
  items: PlaceholderCompletion[];
  replaceStart: number;
  replaceEnd: number;
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/** Where the template body starts; a text without front matter is all body. */
function bodyStartOf(text: string): number {
  const block = findFrontMatter(text);
  return 'yaml' in block ? block.bodyStart : 0;
}

/**
 * Placeholder names to offer at `offset`, when the cursor is inside `{{` on the same line (after `{{`, maybe
 * a space and part of a name). Undefined elsewhere, so the editor's other completions are left alone.
 */
export function placeholderCompletions(text: string, offset: number): PlaceholderCompletions | undefined {
  if (offset < bodyStartOf(text)) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = /\{\{\s*([A-Za-z0-9_]*)$/.exec(before);
  if (!m) return undefined;
  const typed = m[1] ?? '';
  let end = offset;
  while (end < text.length && NAME_CHAR.test(text[end] ?? '')) end++;
  const closed = /^\s*\}\}/.test(text.slice(end, text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end)));
  const items = PLACEHOLDERS.filter((p) => p.name.startsWith(typed.toLowerCase())).map((p) => ({
    label: p.name,
    detail: `{{${p.name}}}`,
    documentation: p.description,
    insertText: closed ? p.name : `${p.name}}}`,
  }));
  return { items, replaceStart: offset - typed.length, replaceEnd: end };
}
