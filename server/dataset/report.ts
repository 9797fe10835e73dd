import { formatProblem, type Problem } from '../problem';
import type { ContainerKind } from './containers/sourceRecord';
import type { DatasetFormat } from './model';

export interface FileImportReport {
  /** The file as the user named it. */
  file: string;
  format?: DatasetFormat;
  container?: ContainerKind;
  /** Records taken: questions in a question file, answers in an answers file. */
  taken: number;
  rejected: number;
  /** Questions an answers file created (only with `createMissingQuestions`). */
  questionsCreated: number;
  errors: number;
  warnings: number;
  /** The first problems (up to the report's limit); all of them went to `onProblem`. */
  problems: Problem[];
  problemsOmitted: number;
}

export interface ImportReport {
  files: FileImportReport[];
  questions: number;
  answers: number;
  rejected: number;
  errors: number;
  warnings: number;
  /** Nothing was rejected and no file failed: the exit code of `medreview import` is 0 only then. */
  ok: boolean;
}

export function summarize(files: FileImportReport[]): ImportReport {
  let questions = 0;
  let answers = 0;
  for (const f of files) {
    if (f.format === 'model-answers') {
      answers += f.taken;
      questions += f.questionsCreated;
    } else questions += f.taken;
  }
  const rejected = files.reduce((n, f) => n + f.rejected, 0);
  const errors = files.reduce((n, f) => n + f.errors, 0);
  const warnings = files.reduce((n, f) => n + f.warnings, 0);
  return { files, questions, answers, rejected, errors, warnings, ok: rejected === 0 && errors === 0 };
}

/** The human-readable summary `medreview import` prints after the problems. */
export function formatReport(report: ImportReport): string {
  const lines = report.files.map((f) => {
    const kind = f.format ? `${f.format}${f.container ? ` (${f.container})` : ''}` : 'format unknown';
    const noun = f.format === 'model-answers' ? 'answers' : f.format ? 'questions' : 'records';
    const notes = [f.errors ? `${f.errors} error${f.errors === 1 ? '' : 's'}` : '', f.warnings ? `${f.warnings} warning${f.warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
    return `${f.file}: ${kind}: ${f.taken} ${noun} taken, ${f.rejected} rejected${notes.length ? ` (${notes.join(', ')})` : ''}`;
  });
  lines.push(`total: ${report.questions} questions, ${report.answers} answers taken; ${report.rejected} rejected`);
  return lines.join('\n');
}

export function formatProblems(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
