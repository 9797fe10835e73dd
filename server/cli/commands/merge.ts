import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MergeConflict, MergeCounts, MergeReport } from '../../store';
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

function countsText(c: MergeCounts): string {
  return `${c.ratings} ratings, ${c.preferences} preferences, ${c.overrides} choice corrections`;
}

/** What differs, in the fields a rater would recognise, rather than the whole stored item. */
function gist(item: unknown): string {
  if (typeof item !== 'object' || item === null) return 'nothing';
  const { values, overall, comment, choice, corrected, note, rubricVersion } = item as Record<string, unknown>;
  const fields = Object.entries({ rubricVersion, values, overall, choice, corrected, comment, note }).filter(([, v]) => v !== undefined && v !== '');
  return fields.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ');
}

function conflictText(c: MergeConflict): string {
  return `  ${c.entity} by ${c.rater} (${c.key}):\n    here:   ${gist(c.ours)}\n    theirs: ${gist(c.theirs)}`;
}

function reportText(r: MergeReport, db: string): string {
  const lines = [`merged ${r.source} into ${db}`];
  if (r.ratersAdded.length) lines.push(`raters added: ${r.ratersAdded.join(', ')}`);
  lines.push(`added: ${countsText(r.added)}`, `already here: ${countsText(r.unchanged)}`, `updated (their later edits of merged items): ${countsText(r.updated)}`);
  if (r.conflicts.length) lines.push(`conflicts, not merged (${r.conflicts.length}):`, ...r.conflicts.map(conflictText));
  if (r.missingAnswers.length) {
    lines.push(`not merged, the answer is not in this database (${r.missingAnswers.length}); import the same dataset files here first:`);
    lines.push(...r.missingAnswers.map((m) => `  ${m.entity} by ${m.rater} of answer ${m.answerUid}`));
  }
  if (r.missingRubrics.length) lines.push(`not merged, rubric version unknown here and not in the other database: ${r.missingRubrics.join(', ')}`);
  return lines.join('\n');
}

function leftOut(r: MergeReport): boolean {
  return r.conflicts.length > 0 || r.missingAnswers.length > 0 || r.missingRubrics.length > 0;
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
      else io.stdout.write(reportText(report, resolve(io.cwd, args.db)) + '\n');
      if (leftOut(report)) {
        const missing = `${report.missingAnswers.length} item(s) about answers not here, ${report.missingRubrics.length} unknown rubric version(s)`;
        io.stderr.write(`medreview merge: ${report.conflicts.length} conflict(s), ${missing}; nothing here was overwritten\n`);
      }
      return leftOut(report) ? 1 : 0;
    } catch (err) {
      if (err instanceof DatabaseOpenError) {
        io.stderr.write(`medreview merge: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};
