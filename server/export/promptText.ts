import type { Question } from '../dataset/model';
import { builtinTemplate, renderTemplate, type PromptTemplate } from '../templates';
import type { SplitResult } from '../think/types';

/** The built-in template whose user message is the prompt of DPO and SFT records. */
export const PROMPT_TEMPLATE_ID = 'plain-chat';

let template: PromptTemplate | undefined;

/**
 * The prompt of a training record: the user message the built-in `plain-chat` template renders for the
 * question (PubMedQA contexts, then the question, then multiple-choice options as `A. text` lines), without
 * its system message and without a model's chat template, which the training framework applies.
 */
export function promptText(q: Question): string {
  template ??= builtinTemplate(PROMPT_TEMPLATE_ID);
  const rendered = renderTemplate(template, q);
  if (rendered.mode === 'completion') return rendered.prompt;
  return rendered.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n\n');
}

/**
 * A completion: the final answer, or with `withReasoning` the reasoning wrapped in `<think>...</think>` in
 * front of it (an empty block when the answer has no reasoning, so every completion has the same shape).
 */
export function completionText(split: Pick<SplitResult, 'reasoning' | 'answer'>, withReasoning: boolean): string {
  if (!withReasoning) return split.answer;
  return `<think>\n${split.reasoning.trim()}\n</think>\n\n${split.answer}`;
}
