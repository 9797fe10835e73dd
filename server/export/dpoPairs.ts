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

export interface DpoPair {
  /** The better answer (for a tie or both-bad pair: the first of the two as stored). */
  chosen: ExportAnswer;
  rejected: ExportAnswer;
  source: 'preference' | 'ratings';
  label: PairLabel;
  /** Raters behind the decision: those who compared the pair, or the fewer of the two answers' raters. */
  raters: number;
  /** Preference pairs: the raters' votes, `a` for the chosen answer and `b` for the rejected one. */
  votes: PreferenceVotes | null;
  chosenMeanOverall: number | null;
  rejectedMeanOverall: number | null;
}

export interface PairRules {
  minRaters: number;
  /** The mean overall score the better answer of a pair built from ratings needs; below it the pair is both-bad. */
  minOverall: number;
  includeTies: boolean;
}

export interface PairSelection {
  pairs: DpoPair[];
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
export function dpoPairs(q: ExportQuestion, rules: PairRules): PairSelection {
  const selection: PairSelection = { pairs: [], skipped: {} };
  const byUid = new Map(q.answers.map((a) => [a.answer.uid, a]));
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
      if (compared.has(pairKey(x.entry.answer.uid, y.entry.answer.uid))) continue;
      offer(selection, fromRatings(x, y, rules), rules);
    }
  }
  return selection;
}

function skip(selection: PairSelection, reason: string): void {
  selection.skipped[reason] = (selection.skipped[reason] ?? 0) + 1;
}

function offer(selection: PairSelection, pair: DpoPair, rules: PairRules): void {
  if (pair.raters < rules.minRaters) return skip(selection, 'pairs-below-min-raters');
  if (pair.label !== 'preferred' && !rules.includeTies) return skip(selection, pair.label === 'tie' ? 'ties' : 'both-bad');
  if (pair.label === 'preferred' && !hasFinalAnswer(pair.chosen)) return skip(selection, 'chosen-without-final-answer');
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

function fromPreferences(a: ExportAnswer, b: ExportAnswer, prefs: readonly Preference[]): DpoPair {
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
    chosenMeanOverall: meanOverall(chosen),
    rejectedMeanOverall: meanOverall(rejected),
  };
}

interface RatedAnswer {
  entry: ExportAnswer;
  mean: number;
  raters: number;
}

/** Answers that can enter a pair built from ratings: rated by enough raters, with an overall score. */
function ratedAnswers(answers: readonly ExportAnswer[], rules: PairRules, selection: PairSelection): RatedAnswer[] {
  const out: RatedAnswer[] = [];
  for (const entry of answers) {
    if (entry.ratings.length === 0) continue;
    const raters = raterCount(entry);
    const mean = meanOverall(entry);
    if (raters < rules.minRaters) skip(selection, BELOW_MIN_RATERS);
    else if (mean === null) skip(selection, 'answers-without-overall');
    else out.push({ entry, mean, raters });
  }
  return out;
}

function fromRatings(x: RatedAnswer, y: RatedAnswer, rules: PairRules): DpoPair {
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
