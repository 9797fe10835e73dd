/**
 * Finds the front-matter block of a `*.prompt.md` file: a first line `---`, YAML, a closing line `---`.
 * Offsets are into the whole text, so YAML positions can be reported where the user sees them.
 */

export interface FrontMatterBlock {
  /** Offset of the opening `---`. */
  openStart: number;
  yaml: string;
  /** Offset of the YAML's first character. */
  yamlStart: number;
  /** Offset of the body's first character (after the closing line). */
  bodyStart: number;
}

export interface FrontMatterMissing {
  /** Where to point: the start of the text, or the unclosed opening line. */
  offset: number;
  code: 'missing-front-matter' | 'unclosed-front-matter';
  message: string;
}

const FENCE = /^---[ \t]*$/;

function lineEndAt(text: string, from: number): { end: number; next: number } {
  const nl = text.indexOf('\n', from);
  if (nl < 0) return { end: text.length, next: text.length };
  return { end: nl > from && text[nl - 1] === '\r' ? nl - 1 : nl, next: nl + 1 };
}

export function findFrontMatter(text: string): FrontMatterBlock | FrontMatterMissing {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const first = lineEndAt(text, start);
  if (!FENCE.test(text.slice(start, first.end))) {
    return { offset: start, code: 'missing-front-matter', message: 'a prompt template starts with a front-matter block: a line `---`, at least `mode: chat` or `mode: completion`, and a closing `---`' };
  }
  let at = first.next;
  while (at < text.length) {
    const line = lineEndAt(text, at);
    if (FENCE.test(text.slice(at, line.end))) return { openStart: start, yaml: text.slice(first.next, at), yamlStart: first.next, bodyStart: line.next };
    at = line.next;
  }
  return { offset: start, code: 'unclosed-front-matter', message: 'the front matter opened here is never closed with a line `---`' };
}
