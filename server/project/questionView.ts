import { gradeAnswer, scoreAnswerRouge, type RougeSettings } from '../metrics';
import type { AccuracyView, AnswerView, DraftView, QuestionDetail, RatingView, RougeView } from '../protocol';
import { presentAnswers } from '../review';
import type { Draft, QuestionDetail as StoredDetail, Rating, StoredAnswer } from '../store';
import { answerDetails, blindAnswerDetails } from './answerDetails';
import { preferenceView } from './preferences';

export interface ViewContext {
  rater: string;
  blind: boolean;
  rubricKey: string;
  rouge: RougeSettings;
  /** Every model in the project: their names are masked in blind mode wherever an answer mentions them. */
  studyModels: readonly string[];
}

function ratingView(r: Rating): RatingView {
  return { values: r.values, overall: r.overall, comment: r.comment, revision: r.revision, updatedAt: r.updatedAt };
}

function draftView(d: Draft): DraftView | null {
  const form = d.form as Partial<DraftView> | null;
  if (!form || typeof form !== 'object') return null;
  return { values: form.values ?? {}, overall: form.overall ?? null, comment: form.comment ?? '' };
}

function rougeView(scores: object | null): RougeView {
  return scores as RougeView;
}

function accuracyView(detail: StoredDetail, a: StoredAnswer): AccuracyView | null {
  const override = detail.overrides.find((o) => o.answerUid === a.uid)?.corrected;
  return gradedView(detail.question, a.split.answer, override);
}

/** The accuracy chip of a final answer, graded against the question's label (a correction replaces the extraction). */
export function gradedView(question: Parameters<typeof gradeAnswer>[0], finalAnswer: string, override?: string | null): AccuracyView | null {
  const g = gradeAnswer(question, finalAnswer, override);
  if (!g) return null;
  return {
    verdict: g.verdict,
    extracted: g.graded,
    state: g.extraction.state,
    label: g.label,
    overridden: g.overridden,
    evidence: g.extraction.evidence ?? undefined,
  };
}

/**
 * The question as this rater sees it: answers in their (blind) order with masked text while blind, ROUGE
 * against the reference, accuracy where the question has a label, and the rater's own ratings and drafts.
 * Blinding lifts for a question once this rater has saved a rating for every one of its answers.
 */
export function questionView(detail: StoredDetail, ctx: ViewContext): QuestionDetail {
  const q = detail.question;
  const mine = detail.ratings.filter((r) => r.rater === ctx.rater && r.rubricKey === ctx.rubricKey);
  // Names come back only when every answer is rated: revealing after the first would unblind the rest.
  const revealed = detail.answers.length > 0 && detail.answers.every((a) => mine.some((r) => r.answerUid === a.uid));
  const byUid = new Map(detail.answers.map((a) => [a.uid, a]));
  const presented = presentAnswers(
    detail.answers.map((a) => ({ key: a.uid, model: a.model, reasoning: a.split.reasoning, answer: a.split.answer })),
    { raterId: ctx.rater, questionId: q.uid, blind: ctx.blind, revealed, studyModels: ctx.studyModels },
  );
  const answers = presented.map((p): AnswerView => {
    const a = byUid.get(p.key) as StoredAnswer;
    const rating = mine.find((r) => r.answerUid === a.uid);
    const draft = detail.drafts.find((d) => d.answerUid === a.uid && d.rater === ctx.rater);
    const rouge = scoreAnswerRouge(q.reference, a.split, ctx.rouge);
    return {
      id: a.uid,
      position: p.position,
      label: p.label,
      model: p.model,
      reasoning: p.reasoning?.text ?? '',
      answer: p.answer.text,
      state: a.split.state,
      flags: a.split.flags,
      finishReason: a.finishReason,
      incomplete: a.generation?.incomplete === true,
      unblinding: p.unblinding,
      rouge: { answer: rougeView(rouge.answer), reasoning: rougeView(rouge.reasoning) },
      accuracy: accuracyView(detail, a),
      myRating: rating ? ratingView(rating) : null,
      myDraft: draft ? draftView(draft) : null,
      flaggedByMe: detail.flags.some((f) => f.answerUid === a.uid && f.rater === ctx.rater),
      otherRaters: detail.otherRaters[a.uid] ?? 0,
      origin: a.origin,
      details: p.model === undefined ? blindAnswerDetails(a) : answerDetails(a),
    };
  });
  return {
    id: q.uid,
    datasetId: q.id,
    text: q.text,
    kind: q.kind,
    options: q.options,
    context: q.context,
    reference: q.reference,
    answers,
    preferences: detail.preferences.filter((x) => x.rater === ctx.rater).map(preferenceView),
    blind: ctx.blind && !revealed,
    source: q.source,
  };
}
