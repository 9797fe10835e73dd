import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportReport } from '../../dataset';
import { formatProblem } from '../../problem';
import { NewDatabase, openStore, StoreImportSink, type ImportSummary } from '../../store';
import type { CommandIO } from '../command';
import type { StoreImport } from './import';

function summaryText(s: ImportSummary, db: string): string {
  const lines = [
    `stored in ${db}, question set '${s.set}': ${s.questions.added} questions added (${s.questions.existing} already there), ${s.answers.added} answers added (${s.answers.existing} already there)`,
    ...s.problems.map(formatProblem),
  ];
  if (s.problemCount > s.problems.length) lines.push(`... and ${s.problemCount - s.problems.length} more rows the store could not take`);
  return lines.join('\n');
}

/**
 * `medreview import --db`: the dataset reader's rows go into the review database through the store's import
 * sink, into the question set the extension uses unless `--set` names another, with each file's counts
 * recorded on the set. The extension then finds the files imported and does not read them again.
 */
export async function openStoreImport(db: string, io: CommandIO, options: { set: string }): Promise<StoreImport> {
  const path = resolve(io.cwd, db);
  // A database made by this import is built aside and put in place complete (store/newDatabase.ts).
  const built = existsSync(path) ? undefined : await NewDatabase.start(path);
  const store = built?.store ?? (await openStore(path));
  const close = (): Promise<void> => built?.publish() ?? store.close();
  const abandon = (): Promise<void> => built?.discard() ?? store.close();
  try {
    const sink = await StoreImportSink.open(store, options.set);
    return {
      sink,
      async finish(report: ImportReport | undefined): Promise<boolean> {
        let summary: ImportSummary;
        try {
          const files = (report?.files ?? []).map((f) => ({ file: f.file, format: f.format, taken: f.taken, rejected: f.rejected }));
          summary = await sink.finish(files);
        } catch (err) {
          await abandon();
          throw err;
        }
        await close();
        io.stderr.write(summaryText(summary, path) + '\n');
        return summary.problemCount === 0;
      },
    };
  } catch (err) {
    await abandon();
    throw err;
  }
}
