import type { Question } from '../dataset/model';

/** The placeholders a template body may use, what each holds, and its value for a question. */
export interface PlaceholderInfo {
  name: string;
  description: string;
  value(q: Question): string;
}

function optionLines(q: Question): string {
  return Object.entries(q.options ?? {})
    .map(([letter, text]) => `${letter}. ${text}`)
    .join('\n');
}

export const PLACEHOLDERS: readonly PlaceholderInfo[] = [
  { name: 'question', description: 'The question text.', value: (q) => q.text },
  { name: 'options', description: 'Multiple-choice options, one per line as `A. text` (empty for open questions).', value: optionLines },
  { name: 'letters', description: 'The option letters, e.g. `A, B, C, D, E` (empty for open questions).', value: (q) => Object.keys(q.options ?? {}).join(', ') },
  { name: 'context', description: 'Background passages (PubMedQA contexts), separated by blank lines (empty when the question has none).', value: (q) => (q.context ?? []).join('\n\n') },
];

export function placeholderInfo(name: string): PlaceholderInfo | undefined {
  return PLACEHOLDERS.find((p) => p.name === name);
}

/** One `{{ name }}` occurrence, with offsets into the scanned text. */
export interface PlaceholderUse {
  name: string;
  /** Offset of `{{`. */
  start: number;
  /** Offset just after `}}`. */
  end: number;
  /** Offset of the name inside the braces. */
  nameStart: number;
}

export interface PlaceholderScan {
  uses: PlaceholderUse[];
  /** Offsets of `{{` with no `}}` before the line ends. */
  unclosed: number[];
}

/** Finds every `{{ ... }}` in a text; a placeholder never spans lines. */
export function scanPlaceholders(text: string): PlaceholderScan {
  const uses: PlaceholderUse[] = [];
  const unclosed: number[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) break;
    const lineEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const close = text.indexOf('}}', start + 2);
    if (close < 0 || close > lineEnd) {
      unclosed.push(start);
      from = start + 2;
      continue;
    }
    const inner = text.slice(start + 2, close);
    const lead = inner.length - inner.trimStart().length;
    uses.push({ name: inner.trim(), start, end: close + 2, nameStart: start + 2 + lead });
    from = close + 2;
  }
  return { uses, unclosed };
}

/** The closest known name within two edits, for "did you mean" hints. */
export function closestPlaceholder(name: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const p of PLACEHOLDERS) {
    const d = editDistance(name.toLowerCase(), p.name);
    if (d <= 2 && (!best || d < best.d)) best = { name: p.name, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
