/**
 * Markdown tables from untrusted text: model names and labels come from dataset and rubric files, so
 * every text cell is escaped to stay one cell of plain text (no links, no HTML, no broken columns).
 */

/** A cell of text to escape, or a figure this module's callers formatted themselves (written as is). */
export type Cell = string | { figure: string };

/** Backslash-escapes the punctuation that could start inline markup, and flattens line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_{}[\]<>|~&$]/g, (c) => `\\${c}`);
}

export function figure(text: string): Cell {
  return { figure: text };
}

/** A GitHub-flavoured table. */
export function markdownTable(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const text = (cell: Cell): string => (typeof cell === 'string' ? escapeMarkdown(cell) : cell.figure);
  const line = (cells: readonly Cell[]): string => `| ${cells.map(text).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
