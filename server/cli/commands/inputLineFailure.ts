import { formatProblem } from '../../problem';
import type { CommandIO } from '../command';

/** What is wrong with one input line of a JSON Lines command, and in which field. */
export interface LineProblem {
  field?: string;
  message: string;
}

/** Reports a bad line on stderr (file:line:column form) and answers it in place on stdout. */
export function lineFailure(io: CommandIO, line: number, problem: LineProblem, column = 1): void {
  const where = { file: '<stdin>', line, column, severity: 'error' as const, code: 'invalid-input', message: problem.message };
  io.stderr.write(formatProblem(problem.field ? { ...where, field: problem.field } : where) + '\n');
  io.stdout.write(JSON.stringify(problem.field ? { error: problem.message, line, field: problem.field } : { error: problem.message, line }) + '\n');
}

/** The 1-based column of a JSON.parse error, when the engine's message names a position. */
export function jsonErrorColumn(message: string): number {
  const m = /position (\d+)/.exec(message);
  return m ? Number(m[1]) + 1 : 1;
}
