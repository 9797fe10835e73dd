import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeLeftOut, mergeReportText } from '../../store';
import { UsageError, type CliCommand, type CommandIO } from '../command';
import { writeJsonLine } from '../jsonLines';
import { DatabaseOpenError, withDatabase } from './reviewDatabase';

const usage = `usage: medreview merge --db PATH OTHER.sqlite [--json]

Brings the ratings, pairwise preferences and choice corrections of another rater's review database
(OTHER.sqlite) into the database at PATH. Items already here unchanged are counted; a later revision of
an item an earlier merge brought in is taken over; anything else that differs is a conflict: listed,
and left as it is here. Items about answers or rubric versions this database lacks are listed and not
merged (import the same dataset files into both databases first). OTHER must be closed: not open in a
MedReview window.

  --db PATH   the review database to merge into
  --json      print the merge report as one JSON object instead of text

Exit code 0 when everything was merged or already here, 1 when anything was left out (conflicts,
missing answers or rubrics) or a database cannot be read, 2 for a bad command line.`;

interface MergeArgs {
  db: string;
  other: string;
  json: boolean;
}

function parseMergeArgs(args: readonly string[]): MergeArgs {
  let db: string | undefined;
  let json = false;
  const others: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--db') {
      db = args[++i];
      if (db === undefined || db.startsWith('--')) throw new UsageError('--db needs a value');
    } else if (arg === '--json') json = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    else others.push(arg);
  }
  if (db === undefined) throw new UsageError('--db PATH is required');
  if (others.length !== 1) throw new UsageError(`name exactly one other database to merge (got ${others.length})`);
  return { db, other: others[0] as string, json };
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: "merge another rater's review database (ratings, preferences, corrections); conflicts are listed, never overwritten",
  usage,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const args = parseMergeArgs(argv);
    const other = resolve(io.cwd, args.other);
    if (!existsSync(other)) {
      io.stderr.write(`medreview merge: ${other}: no such file\n`);
      return 1;
    }
    if (other === resolve(io.cwd, args.db)) {
      io.stderr.write(`medreview merge: ${other} is the database being merged into; name the other rater's file\n`);
      return 1;
    }
    try {
      const report = await withDatabase(args.db, io, (store) => store.mergeFrom(other));
      if (args.json) await writeJsonLine(io.stdout, report);
      else io.stdout.write(mergeReportText(report, resolve(io.cwd, args.db)) + '\n');
      if (mergeLeftOut(report)) {
        const missing = `${report.missingAnswers.length} item(s) about answers not here, ${report.missingRubrics.length} unknown rubric version(s)`;
        io.stderr.write(`medreview merge: ${report.conflicts.length} conflict(s), ${missing}; nothing here was overwritten\n`);
      }
      return mergeLeftOut(report) ? 1 : 0;
    } catch (err) {
      if (err instanceof DatabaseOpenError) {
        io.stderr.write(`medreview merge: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};
