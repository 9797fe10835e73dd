import { resolve } from 'node:path';
import { EXPORT_FORMATS, ExportError, exportReview, exportToFile, type ExportCounts } from '../../export';
import type { CliCommand, CommandIO } from '../command';
import { parseExportArgs } from './exportArgs';
import { DatabaseOpenError, withDatabase } from './reviewDatabase';

const usage = `usage: medreview export --db PATH --format ${EXPORT_FORMATS.join('|')} [options]

Exports the ratings of a review database, as it is at the moment the export starts (other windows may
keep saving meanwhile):
  jsonl        one line per rating: rater, rubric version, every axis, the question, the reference, the
               model's answer and reasoning (separate fields), generation parameters, ROUGE, accuracy
  csv          the same flattened, one column per rubric axis (axis_<id>)
  dpo          {prompt, chosen, rejected, meta} pairs from pairwise preferences, else from overall scores
  sft          {prompt, completion, meta} for answers whose mean overall score reaches --min-overall
  summary-md   the per-model summary (means with bootstrap 95% intervals, harm rates, ROUGE, agreement)
  summary-csv  the same as CSV

options:
  --db PATH          the review database (a workspace's .medreview/review.sqlite)
  --format NAME      one of the formats above
  --out FILE         write FILE (written as FILE.partial and renamed once complete); default stdout
  --rubric KEY       only ratings made with this rubric; needed by dpo, sft and the summaries when the
                     ratings were made with several
  --set NAME         only questions of this question set (the extension's is 'workspace')
  --min-raters N     only answers rated by at least N raters (dpo: pairs compared by at least N)
  --min-overall N    sft: the mean overall score a completion needs (default 4); dpo: the mean the
                     better answer of a pair built from scores needs, else the pair is both-bad (default 3)
  --include-ties     dpo: also write tie and both-bad pairs (meta.label says which)
  --with-reasoning   dpo, sft: put the reasoning into completions as <think>...</think>
  --no-texts         jsonl, csv: leave the long texts out (question, context, reference, answer,
                     reasoning: null); records keep uids, models, parameters, ROUGE and accuracy, and are
                     a quarter of the size (join the texts by question/answer uid, or export with them)
  --rouge-metrics L  comma-separated, of rouge1, rouge2, rougeL, rougeLsum (default rouge1,rouge2,rougeL)
  --rouge-stemmer    ROUGE with Porter stemming (the extension's medreview.rouge.useStemmer)
  --seed N           summaries: seed of the bootstrap (default 1)

The prompt of dpo and sft records is the user message of the built-in plain-chat template: contexts,
question, options as "A. text" lines. What was read, written and left out is printed on stderr.
Exit code 0 on success, 1 when the database cannot be read or the export cannot be made, 2 for a bad
command line.`;

function describeCounts(c: ExportCounts): string {
  const lines = [`read ${c.questions} questions, ${c.answers} answers, ${c.ratings} ratings${c.rubricKey ? ` (rubric ${c.rubricKey})` : ''}; wrote ${c.written} ${c.format} record(s)`];
  for (const [reason, n] of Object.entries(c.skipped)) lines.push(`  left out: ${n} ${reason}`);
  for (const issue of c.issues) lines.push(`  summary: ${issue.field}: ${issue.message}`);
  if (c.scores.notKept !== undefined) lines.push(`  scored ${c.scores.computed} answer(s) anew (ROUGE, extraction) but could not keep the scores: ${c.scores.notKept}`);
  else if (c.scores.computed > 0) lines.push(`  scored ${c.scores.computed} answer(s) anew (ROUGE, extraction) and kept the scores for the next export`);
  return lines.join('\n');
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export ratings (jsonl, csv), DPO/SFT training data, or the per-model summary',
  usage,
  async run(argv: string[], io: CommandIO): Promise<number> {
    const args = parseExportArgs(argv);
    let broken: Error | undefined;
    const onError = (err: Error): void => void (broken ??= err);
    // A reader that goes away (| head) must end the export with a message, not an unhandled error.
    if (!args.out) io.stdout.on('error', onError);
    try {
      const counts = await withDatabase(args.db, io, (store) =>
        args.out ? exportToFile(store, args.options, resolve(io.cwd, args.out)) : exportReview(store, args.options, io.stdout),
      );
      io.stderr.write(describeCounts(counts) + '\n');
      return 0;
    } catch (err) {
      if (err instanceof ExportError || err instanceof DatabaseOpenError) {
        io.stderr.write(`medreview export: ${err.message}\n`);
        return 1;
      }
      if (broken) {
        io.stderr.write(`medreview export: the output closed early: ${broken.message}\n`);
        return 1;
      }
      throw err;
    } finally {
      io.stdout.off('error', onError);
    }
  },
};
