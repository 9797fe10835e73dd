import type { RougeSettings } from '../metrics';
import type { RougeType } from '../metrics/rouge/types';
import type { CachedScores, Store, UnscoredAnswer } from '../store';
import { scoreAnswer } from './answerScores';
import { cacheRow, scorerKey } from './scoreCache';

/** The metric of the panel's ROUGE filter: ROUGE-L when the project computes it, else its first metric. */
export function lowRougeMetric(settings: RougeSettings): RougeType {
  return settings.types.includes('rougeL') ? 'rougeL' : (settings.types[0] ?? 'rougeL');
}

/** Where that metric's F-measure of the final answer sits in the cached scores' JSON (AnswerScores). */
export function answerRougePath(metric: RougeType): string {
  return `$.rouge.answer.${metric}.fmeasure`;
}

/** Answers looked up per round; each round's scores are saved in one short transaction. */
const ROUND_SIZE = 500;

function byQuestion(answers: readonly UnscoredAnswer[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of answers) {
    const set = out.get(a.questionUid);
    if (set) set.add(a.answerUid);
    else out.set(a.questionUid, new Set([a.answerUid]));
  }
  return out;
}

/** Scores one round of answers the cache lacks; returns how many it scored (0: none were left). */
async function scoreRound(store: Store, settings: RougeSettings, scorer: string, size: number): Promise<number> {
  const round = await store.unscoredAnswers(scorer, size);
  const rows: CachedScores[] = [];
  for (const [questionUid, answerUids] of byQuestion(round)) {
    const detail = await store.getQuestion(questionUid);
    for (const a of detail.answers) if (answerUids.has(a.uid)) rows.push(cacheRow(detail.question, a, scorer, scoreAnswer(detail.question, a, settings)));
  }
  // Every answer listed belongs to its question; one that is not would be listed again in every round.
  if (rows.length < round.length) {
    const found = new Set(rows.map((r) => r.answerUid));
    const lost = round.filter((a) => !found.has(a.answerUid)).map((a) => `${a.answerUid} (question ${a.questionUid})`);
    throw new Error(`internal: answers to score not found with their questions: ${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ` and ${lost.length - 3} more` : ''}`);
  }
  await store.saveAnswerScores(rows);
  return round.length;
}

/**
 * Fills the answer score cache for the panel's ROUGE filter, which asks the cache of every answer in the
 * project. A study of 300,000 answers takes minutes to score (0.1-0.5 ms an answer) the first time, so each
 * call works for about `budgetMs` and says how many answers are left; the panel asks again until none are.
 * Calls made while one is running wait for it instead of scoring the same answers twice.
 */
export class ScoreCacheFiller {
  readonly scorer: string;
  private running: Promise<number> | undefined;
  /**
   * The newest answer id when a fill last found every answer scored. Scores are never dropped but with
   * their answer's or question's texts, which nothing updates, so until an answer is added the fill has
   * nothing to do, and looking costs a pass over every answer (85 ms at 150,000) on each list request.
   */
  private completeAt: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly settings: RougeSettings,
    private readonly roundSize = ROUND_SIZE,
  ) {
    this.scorer = scorerKey(settings);
  }

  /**
   * Scores answers without cached scores for about `budgetMs` (at least one round); resolves with how many
   * are still without.
   */
  fill(budgetMs: number): Promise<number> {
    this.running ??= this.work(budgetMs).finally(() => (this.running = undefined));
    return this.running;
  }

  private async work(budgetMs: number): Promise<number> {
    // Read before scoring: an answer added meanwhile has a larger id, and the next call looks again.
    const newest = await this.store.newestAnswerId();
    if (newest === this.completeAt) return 0;
    const until = performance.now() + budgetMs;
    do {
      if ((await scoreRound(this.store, this.settings, this.scorer, this.roundSize)) < this.roundSize) {
        this.completeAt = newest;
        return 0;
      }
    } while (performance.now() < until);
    return this.store.countUnscoredAnswers(this.scorer);
  }
}
