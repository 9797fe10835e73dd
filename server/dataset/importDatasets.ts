import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
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
  /**
   * Read the files with blocking calls: a quarter of the CPU of asynchronous reads (no thread-pool round
   * trip per chunk), for a worker thread that has nothing else to do. Default false: the event loop runs
   * between chunks.
   */
  blockingReads?: boolean;
}

/**
 * Bytes read at a time. Below V8's large-object size (128 kB), so each chunk's decoded text and the
 * strings cut from it are ordinary young objects that die in the next scavenge; 256 kB chunks went to the
 * large-object space and made the collector do full marking over and over (measured: 15-25% more CPU
 * for a 1.2 GB import, and twice the memory).
 */
const READ_CHUNK = 64 * 1024;

interface PlannedFile {
  name: string;
  path: string;
  format?: DatasetFormat;
  failure?: Problem;
}

/**
 * Imports dataset and model-answer files into `sink`: every question file first, whatever the order
 * given, so that answers can be matched to questions from any of them. Each file is streamed; bad
 * records are reported and skipped, good ones are taken. A sink with `importFiles` (the store's) is
 * handed the whole import, which it runs through this same function in a worker thread.
 */
export async function importDatasets(files: string[], options: ImportOptions, sink: ImportSink): Promise<ImportReport> {
  if (sink.importFiles) return sink.importFiles(files, options);
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
    await (options.blockingReads ? readChunksBlocking : readChunks)(file.path, async (chunk) => {
      parser.pushBytes(chunk);
      if (parser.batch.questions.length + parser.batch.answers.length >= batchSize) await flush(parser, sink, report);
      return !parser.refused;
    });
    parser.end();
  } catch (err) {
    onProblem({ file: file.name, line: 1, column: 1, message: `reading stopped: ${err instanceof Error ? err.message : String(err)}`, severity: 'error', code: 'unreadable-file' });
  }
  await flush(parser, sink, report);
  return { ...report, format: parser.format, container: parser.container, taken: parser.taken, rejected: parser.rejected };
}

/**
 * Reads the file chunk by chunk into one reused buffer (a stream allocates a new one per chunk: a gigabyte
 * of short-lived buffers for the collector). `take` must be done with the bytes when its promise settles;
 * it returns false to stop early.
 */
async function readChunks(path: string, take: (chunk: Buffer) => Promise<boolean>): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0 || !(await take(buffer.subarray(0, bytesRead)))) return;
    }
  } finally {
    await handle.close();
  }
}

/** `readChunks` with blocking reads (see ImportOptions.blockingReads). */
async function readChunksBlocking(path: string, take: (chunk: Buffer) => Promise<boolean>): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0 || !(await take(buffer.subarray(0, bytesRead)))) return;
    }
  } finally {
    closeSync(fd);
  }
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
