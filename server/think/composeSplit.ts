import type { ContentFold, Segment } from './contentFold';
import type { ReasoningChannel } from './reasoningChannel';
import { hasDegenerateRepetition } from './repetition';
import type { SplitFlag, SplitResult, ThinkState } from './types';

/** Stray tags from this many on are a loop, not an accident. */
const DEGENERATE_STRAY_TAGS = 3;

/** Parts are trimmed one by one and separated by a blank line, so several blocks read as paragraphs. */
function joinParts(parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

function texts(segments: Segment[], role?: Segment['role']): string[] {
  return segments.filter((s) => role === undefined || s.role === role).map((s) => s.text);
}

/** The final split from a finished fold (content) and reasoning channel (server-split reasoning). */
export function composeSplit(fold: ContentFold, channel: ReasoningChannel, echoed: boolean): SplitResult {
  let reasoning: string;
  let answer: string;
  let state: ThinkState;
  if (fold.unclosed) {
    reasoning = joinParts([channel.text, ...texts(fold.segments)]);
    answer = '';
    state = 'unclosed';
  } else {
    reasoning = joinParts([channel.text, ...texts(fold.segments, 'reasoning')]);
    answer = joinParts(texts(fold.segments, 'answer'));
    if (fold.closes > 0) state = 'complete';
    else if (channel.hasReasoning) state = answer === '' ? 'unclosed' : 'complete';
    else state = 'none';
  }
  const stray = fold.stray + channel.stray;
  const flags: SplitFlag[] = [];
  if (stray >= DEGENERATE_STRAY_TAGS || hasDegenerateRepetition(reasoning, answer)) {
    flags.push('degenerate-repetition');
  }
  if (echoed) flags.push('prompt-echoed');
  if (fold.eos + channel.eos > 0) flags.push('eos-stripped');
  if (stray > 0 || fold.blocks > 1) flags.push('stray-tags');
  return { reasoning, answer, state, flags };
}
