import type { Problem, ProblemSeverity } from '../problem';

/** 1-based line and column (UTF-16 code units, as editors count) of an offset in a text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Builds Problems for one file, each from an offset into its text. */
export function problemAt(
  file: string,
  text: string,
  offset: number,
  severity: ProblemSeverity,
  code: string,
  message: string,
  field?: string,
): Problem {
  const { line, column } = positionAt(text, offset);
  return field === undefined ? { file, line, column, severity, code, message } : { file, line, column, field, severity, code, message };
}
