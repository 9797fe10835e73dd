/** What the splitter makes of one model output: the reasoning chain apart from the final answer. */
export type ThinkState =
  /** A reasoning block was opened (or opened by the prompt) and closed. */
  | 'complete'
  /** No reasoning markup at all: the whole output is the answer. */
  | 'none'
  /** Reasoning opened and never closed: everything is reasoning and there is no final answer. */
  | 'unclosed';

/** Findings a physician or prompt developer should see next to the answer. */
export type SplitFlag =
  /** The same tag or phrase repeated many times: a model fed a template it was not trained on. */
  | 'degenerate-repetition'
  /** The prompt was echoed in front of the output and has been removed. */
  | 'prompt-echoed'
  /** End-of-sequence tokens were left in the text and have been removed. */
  | 'eos-stripped'
  /** More than one reasoning block, or stray tags, were found. */
  | 'stray-tags';

export interface SplitInput {
  /** The raw text the model produced (the `content` field, or a completion's text). */
  output: string;
  /** Reasoning the server already split off (`reasoning_content` or `reasoning`), if any. */
  reasoning?: string;
  /** The prompt or chat template ended with an opening tag, so the output starts inside reasoning. */
  thinkOpenedByPrompt?: boolean;
  /** The exact prompt text, when known, so an echo of it can be removed. */
  prompt?: string;
}

export interface SplitOptions {
  /** Reasoning tag names, matched in any letter case. Default `['think', 'thinking']`. */
  tagNames?: readonly string[];
}

export interface SplitResult {
  reasoning: string;
  answer: string;
  state: ThinkState;
  flags: SplitFlag[];
}
