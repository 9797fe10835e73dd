import type { SplitFlag } from '../think/types';
import type { TemplateMode } from './types';

/**
 * What to tell the user when an answer is degenerate (the same tag or phrase over and over). A prompt in the
 * wrong mode for the model is the classic cause: a chat model given raw text, or a plain-text fine-tune given
 * a chat template. Undefined when the answer is not flagged degenerate.
 */
export function templateModeHint(flags: readonly SplitFlag[], mode?: TemplateMode): string | undefined {
  if (!flags.includes('degenerate-repetition')) return undefined;
  const general = 'This answer repeats itself. The usual cause is a prompt in the wrong mode for the model: check the template mode.';
  if (mode === 'completion') {
    return `${general} The template sends raw text (mode: completion); if this model expects its chat template (an instruct or chat model), try \`mode: chat\`.`;
  }
  if (mode === 'chat') {
    return `${general} The server wrapped the prompt in the model's chat template (mode: chat); if this model was fine-tuned on a plain-text format such as \`### Question:\` / \`### Response:\`, try \`mode: completion\` with that format.`;
  }
  return general;
}
