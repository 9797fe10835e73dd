import type { Question } from '../dataset/model';
import { extractChoice, extractDecision, gradeExtraction, PUBMEDQA_LABELS, type Grade } from './extraction';

export interface AnswerAccuracy extends Grade {
  kind: 'multiple-choice' | 'yes-no-maybe';
}

/**
 * The panel's accuracy chip for one final answer: what was extracted, and correct / incorrect / not
 * extractable against the question's label (MedQA option letter, PubMedQA decision). `override` is a
 * physician's correction of the extraction (stored with the ratings); it replaces the extraction when given.
 * Null for questions without a label or of a kind that has none.
 */
export function gradeAnswer(question: Pick<Question, 'kind' | 'options' | 'reference'>, finalAnswer: string, override?: string | null): AnswerAccuracy | null {
  const label = question.reference?.label;
  if (label === undefined || label.trim() === '') return null;
  if (question.kind === 'multiple-choice' && question.options) {
    return { kind: 'multiple-choice', ...gradeExtraction(extractChoice(finalAnswer, question.options), label, override) };
  }
  if (question.kind === 'yes-no-maybe') {
    return { kind: 'yes-no-maybe', ...gradeExtraction(extractDecision(finalAnswer, PUBMEDQA_LABELS), label, override) };
  }
  return null;
}
