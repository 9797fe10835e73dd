import { resolve } from 'node:path';
import { formatProblem } from '../../problem';
import { WORKSPACE_SET } from '../../project/datasetSync';
import { DATASET_FORMATS, formatReport, importDatasets, MemoryImportSink, type DatasetFormat, type ImportReport, type ImportSink } from '../../dataset';
import { UsageError, type CliCommand, type CommandIO } from '../command';
import { writeJsonLine } from '../jsonLines';
import { openStoreImport } from './storeImport';

const usage = `usage: medreview import FILE... [--format NAME] [--db PATH] [--set NAME] [--model NAME] [--new-questions] [--json]

Imports datasets and model answers: medical-o1-reasoning-SFT (JSON or JSON Lines), MedQA-USMLE
(JSON Lines), PubMedQA (JSON keyed by PubMed id) and model answers (JSON Lines or CSV). The format of
each file is told from its content. Question files are read before answer files, whatever the order.

  --format NAME     read every FILE as ${DATASET_FORMATS.join(', ')}
  --db PATH         the review database to import into (created if absent), e.g. a workspace's
                    .medreview/review.sqlite, which the extension then opens with these questions
  --set NAME        question set to import into (default '${WORKSPACE_SET}', the extension's set)
  --model NAME      model name for answer rows without a 'model' field (default: the file's name)
  --new-questions   an answer whose question is in no file creates it from its 'question' text
  --json            print the report as JSON on stdout

Problems are printed on stderr as file:line:column. Exit code 0 only when nothing was rejected.`;

export interface ImportArgs {
  files: string[];
  format?: DatasetFormat;
  db?: string;
  set?: string;
  model?: string;
  newQuestions: boolean;
  json: boolean;
}

export function parseImportArgs(args: string[]): ImportArgs {
  const out: ImportArgs = { files: [], newQuestions: false, json: false };
  const value = (i: number, flag: string): string => {
    const v = args[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--format') {
      const name = value(++i, '--format');
      if (!DATASET_FORMATS.includes(name as DatasetFormat)) throw new UsageError(`unknown format '${name}' (one of ${DATASET_FORMATS.join(', ')})`);
      out.format = name as DatasetFormat;
    } else if (arg === '--db') out.db = value(++i, '--db');
    else if (arg === '--set') out.set = value(++i, '--set');
    else if (arg === '--model') out.model = value(++i, '--model');
    else if (arg === '--new-questions') out.newQuestions = true;
    else if (arg === '--json') out.json = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else out.files.push(arg);
  }
  if (out.files.length === 0) throw new UsageError('name at least one FILE');
  if (out.set !== undefined && out.db === undefined) throw new UsageError('--set names the question set of a --db import; give --db PATH');
  return out;
}

/** An import into the store: its sink, and what to do with the report once reading is over. */
export interface StoreImport {
  sink: ImportSink;
  /**
   * Called once after the import (with its report, or undefined when reading failed), e.g. to commit and
   * close; false when the store could not take some rows (the exit code then says so).
   */
  finish(report: ImportReport | undefined): void | boolean | Promise<void | boolean>;
}

/** Opens the store for an import into a question set. */
export type StoreSinkOpener = (dbPath: string, io: CommandIO, options: { set: string }) => Promise<StoreImport>;

/** The `import` command; without a store opener, `--db` validates only and says so. */
export function createImportCommand(openStore?: StoreSinkOpener): CliCommand {
  return {
    name: 'import',
    summary: 'import datasets and model answers (validates and reports problems)',
    usage,
    async run(argv, io) {
      const args = parseImportArgs(argv);
      let store: StoreImport | undefined;
      if (args.db !== undefined && openStore) store = await openStore(args.db, io, { set: args.set ?? WORKSPACE_SET });
      else if (args.db !== undefined) io.stderr.write(`medreview import: store not available yet: ${args.db} was not written; the files were validated only\n`);
      let report: ImportReport | undefined;
      let stored: void | boolean;
      try {
        report = await importDatasets(
          // Stored under absolute paths, as the extension names the same files, so it recognises them.
          store ? args.files.map((f) => resolve(io.cwd, f)) : args.files,
          {
            cwd: io.cwd,
            format: args.format,
            model: args.model,
            createMissingQuestions: args.newQuestions,
            onProblem: (p) => io.stderr.write(formatProblem(p) + '\n'),
          },
          store?.sink ?? new MemoryImportSink({ keep: false }),
        );
      } finally {
        stored = await store?.finish(report);
      }
      io.stderr.write(formatReport(report) + '\n');
      if (args.json) await writeJsonLine(io.stdout, report);
      return report.ok && stored !== false ? 0 : 1;
    },
  };
}

export const importCommand = createImportCommand(openStoreImport);
