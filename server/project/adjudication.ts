import type { AdjudicationView, RaterRatingView } from '../protocol';
import type { QuestionDetail as StoredDetail, Rating } from '../store';
import { questionView, type ViewContext } from './questionView';

/** The rater name under which adjudicated consensus ratings are stored. */
export const CONSENSUS_RATER = 'consensus';

function disagreements(ratings: Rating[]): string[] {
  if (ratings.length < 2) return [];
  const fields = new Set(ratings.flatMap((r) => Object.keys(r.values)));
  const differ = [...fields].filter((f) => new Set(ratings.map((r) => JSON.stringify(r.values[f] ?? null))).size > 1);
  if (new Set(ratings.map((r) => r.overall)).size > 1) differ.push('overall');
  return differ;
}

/**
 * Every rater's ratings of a question's answers with model names revealed, and the consensus rating so far.
 * Hidden from a rater who has not rated every answer yet, so looking cannot bias their own rating.
 */
export function adjudicationView(detail: StoredDetail, all: Rating[], ctx: Omit<ViewContext, 'blind'>): AdjudicationView {
  const questionId = detail.question.uid;
  const mine = all.filter((r) => r.rater === ctx.rater && r.rubricKey === ctx.rubricKey);
  const available = detail.answers.length > 0 && detail.answers.every((a) => mine.some((r) => r.answerUid === a.uid));
  if (!available) return { questionId, available, answers: [] };
  const consensusDetail: StoredDetail = { ...detail, ratings: all.filter((r) => r.rater === CONSENSUS_RATER), drafts: [] };
  const view = questionView(consensusDetail, { ...ctx, rater: CONSENSUS_RATER, blind: false });
  return {
    questionId,
    available,
    answers: view.answers.map((answer) => {
      const ratings = all.filter((r) => r.answerUid === answer.id && r.rater !== CONSENSUS_RATER && r.rubricKey === ctx.rubricKey);
      return {
        answer,
        ratings: ratings.map((r): RaterRatingView => ({ rater: r.rater, values: r.values, overall: r.overall, comment: r.comment })),
        disagreements: disagreements(ratings),
      };
    }),
  };
}
