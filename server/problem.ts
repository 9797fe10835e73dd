/**
 * A problem found in a user's file. Every importer, validator and template checker reports through this
 * one shape so the CLI, the import report and the LSP diagnostics say the same thing about the same place.
 */
export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface Problem {
  /** Path of the file as the user named it. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count). */
  column: number;
  /** Field (JSON key path such as `options.C`, or CSV column) the problem concerns, when there is one. */
  field?: string;
  message: string;
  severity: ProblemSeverity;
  /** Stable machine-readable code, e.g. `missing-field`, `duplicate-id`. */
  code: string;
}

/** `file:line:column: [field] message`, the form compilers use, so terminals and editors link it. */
export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.column}`;
  const field = p.field ? ` [${p.field}]` : '';
  return `${where}: ${p.severity}${field}: ${p.message}`;
}
