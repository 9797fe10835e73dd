import { blindLabel, blindShuffle } from './blindOrder';
import { maskUnblinding, type MaskedText } from './unblinding';

/** One model's answer to a question, as the store holds it. */
export interface ReviewAnswer {
  /** Stable id of the answer (not of the model): the blind order and stored positions refer to it. */
  key: string;
  model: string;
  reasoning?: string;
  answer: string;
}

export interface PresentationContext {
  raterId: string;
  questionId: string;
  /** Blind mode of the project. */
  blind: boolean;
  /** True once this rater has saved a rating for the question: names and original text come back. */
  revealed: boolean;
  /** Every model id in the study, masked in every answer (the answers' own models are added). */
  studyModels?: readonly string[];
}

/** An answer ready for the panel. */
export interface PresentedAnswer {
  key: string;
  /** 0-based place in the panel; stored with the rating in blind mode. */
  position: number;
  /** "Answer A" while blind and not revealed, otherwise the model id. */
  label: string;
  /** The model id, absent while the rater is blind. */
  model?: string;
  reasoning?: MaskedText;
  answer: MaskedText;
  /** The answer names its model or maker: flag it (masked while blind). */
  unblinding: boolean;
}

/**
 * The answers of one question as one rater sees them. Blind: shuffled for this rater and question,
 * labelled by letter, model names hidden and self-identifying text masked. Revealed after saving: the
 * same positions (nothing jumps on screen), with names and the original text. Not blind: input order.
 */
export function presentAnswers(answers: readonly ReviewAnswer[], context: PresentationContext): PresentedAnswer[] {
  const ordered = context.blind ? blindShuffle(answers, (a) => a.key, context.raterId, context.questionId) : [...answers];
  const modelNames = [...new Set([...(context.studyModels ?? []), ...answers.map((a) => a.model)])];
  const hide = context.blind && !context.revealed;
  return ordered.map((a, position) => {
    const answer = maskUnblinding(a.answer, { modelNames });
    const reasoning = a.reasoning === undefined ? undefined : maskUnblinding(a.reasoning, { modelNames });
    const shown: PresentedAnswer = {
      key: a.key,
      position,
      label: hide ? `Answer ${blindLabel(position)}` : a.model,
      answer: hide ? answer : unmasked(a.answer),
      unblinding: answer.flagged || (reasoning?.flagged ?? false),
    };
    if (!hide) shown.model = a.model;
    if (reasoning && a.reasoning !== undefined) shown.reasoning = hide ? reasoning : unmasked(a.reasoning);
    return shown;
  });
}

function unmasked(text: string): MaskedText {
  return { text, spans: [], flagged: false };
}
