import type { ExportAnswer, ExportQuestion, Preference } from '../store';
import { BELOW_MIN_RATERS, hasFinalAnswer, meanOverall, raterCount } from './answerRatings';

/** `preferred`: one answer is better; `tie` and `both-bad` pairs are written only when asked for. */
export type PairLabel = 'preferred' | 'tie' | 'both-bad';

export interface PreferenceVotes {
  a: number;
  b: number;
  tie: number;
  bothBad: number;
}

/**
 * What the pairing needs of an answer, whether it was read as an object (pairAnswerOf) or as a row SQLite
 * wrote (dpoRowItems.ts); `of` is what the writer makes its completion from.
 */
export interface PairAnswer<A = ExportAnswer> {
  uid: string;
  model: string;
  /** Ratings under the export's rubric key, distinct raters, and the mean overall score (null: none given). */
  ratings: number;
  raters: number;
  meanOverall: number | null;
  /** It has a final answer that is not only white space (an unclosed reasoning has none). */
  hasFinalAnswer: boolean;
  of: A;
}

/** A question's answers and its raters' comparisons of them, in the order stored. */
export interface PairQuestion<A = ExportAnswer> {
  answers: readonly PairAnswer<A>[];
  preferences: readonly Preference[];
}

export interface DpoPair<A = ExportAnswer> {
  /** The better answer (for a tie or both-bad pair: the first of the two as stored). */
  chosen: PairAnswer<A>;
  rejected: PairAnswer<A>;
  source: 'preference' | 'ratings';
  label: PairLabel;
  /** Raters behind the decision: those who compared the pair, or the fewer of the two answers' raters. */
  raters: number;
  /** Preference pairs: the raters' votes, `a` for the chosen answer and `b` for the rejected one. */
  votes: PreferenceVotes | null;
  chosenMeanOverall: number | null;
  rejectedMeanOverall: number | null;
}

/** An answer read as an object, as the pairing sees it. */
export function pairAnswerOf(entry: ExportAnswer): PairAnswer {
  return {
    uid: entry.answer.uid,
    model: entry.answer.model,
    ratings: entry.ratings.length,
    raters: raterCount(entry),
    meanOverall: meanOverall(entry),
    hasFinalAnswer: hasFinalAnswer(entry),
    of: entry,
  };
}

/** A question read as an object, as the pairing sees it. */
export function pairQuestionOf(q: ExportQuestion): PairQuestion {
  return { answers: q.answers.map(pairAnswerOf), preferences: q.preferences };
}

export interface PairRules {
  minRaters: number;
  /** The mean overall score the better answer of a pair built from ratings needs; below it the pair is both-bad. */
  minOverall: number;
  includeTies: boolean;
}

export interface PairSelection<A = ExportAnswer> {
  pairs: DpoPair<A>[];
  /** Candidates left out, by reason. */
  skipped: Record<string, number>;
}

/**
 * The DPO pairs of one question.
 *
 * 1. Every pair of answers a rater compared is decided by the comparisons: the answer with more "better"
 *    votes is chosen; equal votes make a tie, or a both-bad pair when both-bad votes outnumber tie votes.
 * 2. Every other pair of answers is decided by the raters' overall scores, each answer's averaged over its
 *    raters: the higher mean is chosen; equal means are a tie; a pair whose better answer's mean is below
 *    `minOverall` is both-bad (neither answer is one to learn from).
 * Ties and both-bad pairs are left out unless `includeTies`. An answer without a final answer (reasoning
 * never closed) is never chosen. `minRaters` applies to the raters who compared a pair, and to each answer
 * of a pair built from ratings.
 */
export function dpoPairs<A>(q: PairQuestion<A>, rules: PairRules): PairSelection<A> {
  const selection: PairSelection<A> = { pairs: [], skipped: {} };
  const byUid = new Map(q.answers.map((a) => [a.uid, a]));
  const compared = new Set<string>();
  for (const [key, prefs] of groupByPair(q.preferences)) {
    compared.add(key);
    const first = prefs[0];
    const a = first && byUid.get(first.answerA);
    const b = first && byUid.get(first.answerB);
    if (!a || !b) continue;
    offer(selection, fromPreferences(a, b, prefs), rules);
  }
  const rated = ratedAnswers(q.answers, rules, selection);
  for (let i = 0; i < rated.length; i++) {
    for (let j = i + 1; j < rated.length; j++) {
      const x = rated[i]!;
      const y = rated[j]!;
      if (compared.has(pairKey(x.entry.uid, y.entry.uid))) continue;
      offer(selection, fromRatings(x, y, rules), rules);
    }
  }
  return selection;
}

function skip<A>(selection: PairSelection<A>, reason: string): void {
  selection.skipped[reason] = (selection.skipped[reason] ?? 0) + 1;
}

function offer<A>(selection: PairSelection<A>, pair: DpoPair<A>, rules: PairRules): void {
  if (pair.raters < rules.minRaters) return skip(selection, 'pairs-below-min-raters');
  if (pair.label !== 'preferred' && !rules.includeTies) return skip(selection, pair.label === 'tie' ? 'ties' : 'both-bad');
  if (pair.label === 'preferred' && !pair.chosen.hasFinalAnswer) return skip(selection, 'chosen-without-final-answer');
  selection.pairs.push(pair);
}

/** Preferences are stored with the pair in canonical order (smaller uid first), so the key is order-free. */
function pairKey(x: string, y: string): string {
  return x < y ? `${x} ${y}` : `${y} ${x}`;
}

function groupByPair(prefs: readonly Preference[]): Map<string, Preference[]> {
  const out = new Map<string, Preference[]>();
  for (const p of prefs) {
    const key = pairKey(p.answerA, p.answerB);
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}

function fromPreferences<A>(a: PairAnswer<A>, b: PairAnswer<A>, prefs: readonly Preference[]): DpoPair<A> {
  const v: PreferenceVotes = { a: 0, b: 0, tie: 0, bothBad: 0 };
  for (const p of prefs) {
    if (p.choice === 'both-bad') v.bothBad++;
    else v[p.choice]++;
  }
  const bFirst = v.b > v.a;
  const label: PairLabel = v.a !== v.b ? 'preferred' : v.bothBad > v.tie ? 'both-bad' : 'tie';
  const [chosen, rejected] = bFirst ? [b, a] : [a, b];
  return {
    chosen,
    rejected,
    source: 'preference',
    label,
    raters: new Set(prefs.map((p) => p.rater)).size,
    votes: bFirst ? { ...v, a: v.b, b: v.a } : v,
    chosenMeanOverall: chosen.meanOverall,
    rejectedMeanOverall: rejected.meanOverall,
  };
}

interface RatedAnswer<A> {
  entry: PairAnswer<A>;
  mean: number;
  raters: number;
}

/** Answers that can enter a pair built from ratings: rated by enough raters, with an overall score. */
function ratedAnswers<A>(answers: readonly PairAnswer<A>[], rules: PairRules, selection: PairSelection<A>): RatedAnswer<A>[] {
  const out: RatedAnswer<A>[] = [];
  for (const entry of answers) {
    if (entry.ratings === 0) continue;
    const { raters, meanOverall: mean } = entry;
    if (raters < rules.minRaters) skip(selection, BELOW_MIN_RATERS);
    else if (mean === null) skip(selection, 'answers-without-overall');
    else out.push({ entry, mean, raters });
  }
  return out;
}

function fromRatings<A>(x: RatedAnswer<A>, y: RatedAnswer<A>, rules: PairRules): DpoPair<A> {
  const [better, worse] = y.mean > x.mean ? [y, x] : [x, y];
  const label: PairLabel = x.mean === y.mean ? 'tie' : better.mean < rules.minOverall ? 'both-bad' : 'preferred';
  return {
    chosen: better.entry,
    rejected: worse.entry,
    source: 'ratings',
    label,
    raters: Math.min(x.raters, y.raters),
    votes: null,
    chosenMeanOverall: better.mean,
    rejectedMeanOverall: worse.mean,
  };
}
