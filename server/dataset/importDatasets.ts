import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem } from '../problem';
import { FileParser } from './fileParser';
import { isQuestionFormat } from './formats/detectFormat';
import type { DatasetFormat } from './model';
import type { ParseOptions } from './parseContext';
import { QuestionIndex } from './questionIndex';
import { summarize, type FileImportReport, type ImportReport } from './report';
import type { ImportSink } from './sink';
import { sniffDatasetFormat } from './sniffFile';

export interface ImportOptions extends ParseOptions {
  /** Directory relative file names are resolved against. Default: the process's. */
  cwd?: string;
  /** Every problem, as it is found (the report keeps only the first of each file). */
  onProblem?: (problem: Problem) => void;
  /** Problems kept per file in the report. Default 200. */
  problemsPerFile?: number;
  /** Records handed to the sink at once (at most; small batches die young, which keeps the heap small). Default 250. */
  batchSize?: number;
}

const READ_CHUNK = 256 * 1024;

interface PlannedFile {
  name: string;
  path: string;
  format?: DatasetFormat;
  failure?: Problem;
}

/**
 * Imports dataset and model-answer files into `sink`: every question file first, whatever the order
 * given, so that answers can be matched to questions from any of them. Each file is streamed; bad
 * records are reported and skipped, good ones are taken.
 */
export async function importDatasets(files: string[], options: ImportOptions, sink: ImportSink): Promise<ImportReport> {
  const planned = await Promise.all(files.map((name) => plan(name, options)));
  const order = [
    ...planned.filter((f) => f.format !== undefined && isQuestionFormat(f.format)),
    ...planned.filter((f) => f.format === undefined || !isQuestionFormat(f.format)),
  ];
  const index = new QuestionIndex();
  const reports = new Map<PlannedFile, FileImportReport>();
  for (const file of order) reports.set(file, await importFile(file, options, index, sink));
  return summarize(planned.map((f) => reports.get(f) as FileImportReport));
}

async function plan(name: string, options: ImportOptions): Promise<PlannedFile> {
  const path = resolve(options.cwd ?? process.cwd(), name);
  try {
    return { name, path, format: options.format ?? (await sniffDatasetFormat(path, name)) };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read the file: ${err instanceof Error ? err.message : String(err)}`;
    return { name, path, failure: { file: name, line: 1, column: 1, message: reason, severity: 'error', code: 'unreadable-file' } };
  }
}

async function importFile(file: PlannedFile, options: ImportOptions, index: QuestionIndex, sink: ImportSink): Promise<FileImportReport> {
  const report: FileImportReport = { file: file.name, format: file.format, container: undefined, taken: 0, rejected: 0, questionsCreated: 0, errors: 0, warnings: 0, problems: [], problemsOmitted: 0 };
  const limit = options.problemsPerFile ?? 200;
  const onProblem = (p: Problem): void => {
    if (p.severity === 'error') report.errors++;
    else if (p.severity === 'warning') report.warnings++;
    if (report.problems.length < limit) report.problems.push(p);
    else report.problemsOmitted++;
    options.onProblem?.(p);
  };
  if (file.failure) {
    onProblem(file.failure);
    return report;
  }
  const parser = new FileParser({ file: file.name, options: { ...options, format: file.format }, index, lookup: sink, onProblem });
  const batchSize = options.batchSize ?? 250;
  try {
    for await (const chunk of createReadStream(file.path, { highWaterMark: READ_CHUNK })) {
      parser.pushBytes(chunk as Buffer);
      if (parser.batch.questions.length + parser.batch.answers.length >= batchSize) await flush(parser, sink, report);
      if (parser.refused) break;
    }
    parser.end();
  } catch (err) {
    onProblem({ file: file.name, line: 1, column: 1, message: `reading stopped: ${err instanceof Error ? err.message : String(err)}`, severity: 'error', code: 'unreadable-file' });
  }
  await flush(parser, sink, report);
  return { ...report, format: parser.format, container: parser.container, taken: parser.taken, rejected: parser.rejected };
}

/** Hands the parsed batch to the sink, questions first (an answer may need a question it created). */
async function flush(parser: FileParser, sink: ImportSink, report: FileImportReport): Promise<void> {
  const { questions, answers } = parser.batch;
  if (questions.length > 0) {
    if (parser.format === 'model-answers') report.questionsCreated += questions.length;
    await sink.addQuestions(questions.splice(0));
  }
  if (answers.length > 0) await sink.addAnswers(answers.splice(0));
}
