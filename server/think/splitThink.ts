import { Splitter } from './thinkStream';
import type { SplitInput, SplitOptions, SplitResult } from './types';

/**
 * Splits one raw model output into reasoning and final answer. It runs the streaming state machine on
 * the whole text at once, so batch and streaming results can never disagree.
 */
export function splitThink(input: SplitInput, options: SplitOptions = {}): SplitResult {
  const splitter = new Splitter(options, { thinkOpenedByPrompt: input.thinkOpenedByPrompt, prompt: input.prompt });
  splitter.feed(input.reasoning ?? '', input.output);
  return splitter.finish();
}
