import type { MergeCountsView, MergeResultView } from '../../server/protocol';

/** Ratings, preferences and choice corrections together. */
export function itemCount(c: MergeCountsView): number {
  return c.ratings + c.preferences + c.overrides;
}

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
  const unchanged = itemCount(r.unchanged);
  const updated = itemCount(r.updated);
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
