/**
 * Blind review: the reproducible order in which each rater sees a question's answers, and the masking
 * of text by which an answer would reveal its model to a blinded rater.
 */
export { blindOrder, blindShuffle, blindLabel } from './blindOrder';
export { findUnblindingSpans, maskUnblinding, DEFAULT_MASK, type UnblindingSpan, type UnblindingKind, type UnblindingOptions, type MaskedText } from './unblinding';
export { studyNameVariants } from './studyModelNames';
export { presentAnswers, type ReviewAnswer, type PresentationContext, type PresentedAnswer } from './presentation';
