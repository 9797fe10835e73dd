import { appendEvent } from '../eventLog';
import { findRating, answerRowId } from '../rows/ratingRows';
import { ensureRater, raterId as findRaterId } from '../rows/raterRows';
import { registerRubric, rubricByHash } from '../rows/rubricRows';
import type { Connection } from '../sqlite/connection';
import { readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { ChoiceOverride, MergeConflict, MergeCounts, MergeReport, Preference, Rating, RubricVersionInput } from '../types';
import { OVERRIDE_SELECT, overrideFromRow, putChoiceOverride } from './choiceOverrides';
import { PREFERENCE_SELECT, preferenceFromRow, preferenceKey, putPreference } from './preferences';
import { putRating, ratingKey } from './ratings';

/** Items from another rater's database or export, with the rubric versions their ratings reference. */
export interface MergeBatch {
  ratings: readonly Rating[];
  preferences: readonly Preference[];
  overrides: readonly ChoiceOverride[];
  rubrics: readonly RubricVersionInput[];
}

export function emptyMergeReport(source: string): MergeReport {
  const zero = (): MergeCounts => ({ ratings: 0, preferences: 0, overrides: 0 });
  return { source, ratersAdded: [], added: zero(), unchanged: zero(), updated: zero(), conflicts: [], missingAnswers: [], missingRubrics: [] };
}

type Kind = keyof MergeCounts;
type Outcome = 'added' | 'unchanged' | 'updated' | 'conflict';

/**
 * Merges one batch in the caller's transaction. Nothing local is ever overwritten unless it is an item an
 * earlier merge brought in, untouched here since, and the incoming one is a later revision of the same item
 * (same uid): that is the other rater's own edit. Everything else that differs is reported as a conflict.
 */
export function mergeBatch(c: Connection, batch: MergeBatch, report: MergeReport, now: number): void {
  const rubrics = new Map(batch.rubrics.map((r) => [r.hash, r]));
  const rater = (name: string): number => {
    const known = findRaterId(c, name);
    if (known !== undefined) return known;
    report.ratersAdded.push(name);
    return ensureRater(c, name, now);
  };
  for (const r of batch.ratings) {
    if (!rubricByHash(c, r.rubricHash)) {
      const body = rubrics.get(r.rubricHash);
      if (!body) {
        if (!report.missingRubrics.includes(r.rubricHash)) report.missingRubrics.push(r.rubricHash);
        continue;
      }
      registerRubric(c, body, now);
    }
    const answer = answerRowId(c, r.answerUid);
    if (answer === undefined) {
      report.missingAnswers.push({ entity: 'rating', rater: r.rater, answerUid: r.answerUid });
      continue;
    }
    const raterRow = rater(r.rater);
    const local = findRating(c, raterRow, answer, r.rubricKey);
    const key = ratingKey(r.answerUid, r.rubricKey);
    const outcome = decide(c, 'rating', raterRow, key, local, r, ratingContent);
    record(report, 'ratings', outcome, { entity: 'rating', rater: r.rater, key, ours: local, theirs: r });
    if (outcome === 'added' || outcome === 'updated') {
      putRating(c, raterRow, r);
      appendEvent(c, { at: now, raterId: raterRow, kind: 'merge', entity: 'rating', entityKey: key, before: local, after: r, undoable: false });
    }
  }
  for (const p of batch.preferences) mergePreference(c, p, rater, report, now);
  for (const o of batch.overrides) mergeOverride(c, o, rater, report, now);
}

function mergePreference(c: Connection, p: Preference, rater: (n: string) => number, report: MergeReport, now: number): void {
  const a = answerRowId(c, p.answerA);
  const b = answerRowId(c, p.answerB);
  if (a === undefined || b === undefined) {
    report.missingAnswers.push({ entity: 'preference', rater: p.rater, answerUid: a === undefined ? p.answerA : p.answerB });
    return;
  }
  const raterRow = rater(p.rater);
  const row = c.get(`${PREFERENCE_SELECT} WHERE p.rater_id = ? AND p.answer_a_id = ? AND p.answer_b_id = ? LIMIT 1`, [raterRow, a, b]);
  const local = row ? preferenceFromRow(row) : null;
  const key = preferenceKey(p.answerA, p.answerB);
  const outcome = decide(c, 'preference', raterRow, key, local, p, preferenceContent);
  record(report, 'preferences', outcome, { entity: 'preference', rater: p.rater, key, ours: local, theirs: p });
  if (outcome === 'added' || outcome === 'updated') {
    putPreference(c, raterRow, p);
    appendEvent(c, { at: now, raterId: raterRow, kind: 'merge', entity: 'preference', entityKey: key, before: local, after: p, undoable: false });
  }
}

function mergeOverride(c: Connection, o: ChoiceOverride, rater: (n: string) => number, report: MergeReport, now: number): void {
  const answer = answerRowId(c, o.answerUid);
  if (answer === undefined) {
    report.missingAnswers.push({ entity: 'choice-override', rater: o.rater, answerUid: o.answerUid });
    return;
  }
  const raterRow = rater(o.rater);
  const row = c.get(`${OVERRIDE_SELECT} WHERE o.rater_id = ? AND o.answer_id = ? LIMIT 1`, [raterRow, answer]);
  const local = row ? overrideFromRow(row) : null;
  // Overrides carry no uid or revision: a differing one is always a conflict.
  const outcome: Outcome = !local ? 'added' : overrideContent(local) === overrideContent(o) ? 'unchanged' : 'conflict';
  record(report, 'overrides', outcome, { entity: 'choice-override', rater: o.rater, key: o.answerUid, ours: local, theirs: o });
  if (outcome === 'added') {
    putChoiceOverride(c, raterRow, o);
    appendEvent(c, { at: now, raterId: raterRow, kind: 'merge', entity: 'choice-override', entityKey: o.answerUid, before: null, after: o, undoable: false });
  }
}

function decide<T extends { uid: string; revision: number }>(
  c: Connection,
  entity: 'rating' | 'preference',
  raterRow: number,
  key: string,
  local: T | null,
  theirs: T,
  content: (x: T) => string,
): Outcome {
  if (!local) return 'added';
  if (content(local) === content(theirs)) return 'unchanged';
  const laterRevision = local.uid === theirs.uid && theirs.revision > local.revision;
  return laterRevision && lastChangeWasMerge(c, entity, raterRow, key) ? 'updated' : 'conflict';
}

/** Whether the newest logged change of this item here was a merge (nobody edited it locally since). */
function lastChangeWasMerge(c: Connection, entity: string, raterRow: number, key: string): boolean {
  const row = c.get(
    `SELECT kind FROM events WHERE rater_id = ? AND entity = ? AND entity_key = ${TEXT_PARAM} ORDER BY id DESC LIMIT 1`,
    [raterRow, entity, utf8(key)],
  );
  return row !== undefined && readText(row.kind) === 'merge';
}

function record(report: MergeReport, kind: Kind, outcome: Outcome, conflict: MergeConflict): void {
  if (outcome === 'conflict') report.conflicts.push(conflict);
  else report[outcome][kind]++;
}

function ratingContent(r: Rating): string {
  return JSON.stringify([r.rubricHash, sortKeys(r.values), r.overall, r.comment, r.blind, r.shownPosition]);
}

function preferenceContent(p: Preference): string {
  return JSON.stringify([p.choice, p.blind, p.shownFirst, p.comment]);
}

function overrideContent(o: ChoiceOverride): string {
  return JSON.stringify([o.extracted, o.corrected, o.note]);
}

function sortKeys(values: Record<string, unknown>): [string, unknown][] {
  return Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
