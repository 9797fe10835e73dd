import type { MergeConflict, MergeCounts, MergeReport } from './types';

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

/** The merge report as the CLI prints it and the extension shows it: counts, then everything left out. */
export function mergeReportText(r: MergeReport, into: string): string {
  const lines = [`merged ${r.source} into ${into}`];
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

/** Whether anything of the other database was left out (the CLI then exits with 1). */
export function mergeLeftOut(r: MergeReport): boolean {
  return r.conflicts.length > 0 || r.missingAnswers.length > 0 || r.missingRubrics.length > 0;
}
