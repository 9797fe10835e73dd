import type { MergeCountsView, MergeResultView } from '../../server/protocol';

function counted(c: MergeCountsView): string {
  const parts = [
    [c.ratings, 'rating'],
    [c.preferences, 'preference'],
    [c.overrides, 'choice correction'],
  ] as const;
  const some = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  return some.length ? some.join(', ') : 'nothing new';
}

/** One line for the notification: what came in, what was already here, and what was left out. */
export function mergedMessage(r: MergeResultView, fileName: string): string {
  const unchanged = r.unchanged.ratings + r.unchanged.preferences + r.unchanged.overrides;
  const updated = r.updated.ratings + r.updated.preferences + r.updated.overrides;
  const lines = [`Merged from ${fileName}: ${counted(r.added)} added`];
  if (updated) lines.push(`${updated} updated to their later edits`);
  if (unchanged) lines.push(`${unchanged} already here`);
  const leftOut = [
    r.conflicts ? (r.conflicts === 1 ? '1 conflict kept as it is here' : `${r.conflicts} conflicts kept as they are here`) : '',
    r.missingAnswers ? `${r.missingAnswers} about answers not in this database` : '',
    r.missingRubrics ? `${r.missingRubrics} unknown rubric version${r.missingRubrics === 1 ? '' : 's'}` : '',
  ].filter((x) => x !== '');
  return `${lines.join('; ')}.${leftOut.length ? ` Not merged: ${leftOut.join('; ')}.` : ''}`;
}
