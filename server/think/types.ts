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

/** The prompt side of an output, when known: both can change where the reasoning starts. */
export interface ThinkContext {
  /** The prompt or chat template ended with an opening tag. Inferred from `prompt` when left out. */
  thinkOpenedByPrompt?: boolean;
  /** The exact prompt text, so an echo of it in front of the output can be removed. */
  prompt?: string;
}

/**
 * One streamed piece of a generation, as OpenAI-compatible servers send it in `choices[0].delta`
 * (or a completion's `text`, passed as `content`). llama.cpp sends `reasoning_content`, vLLM and
 * Ollama `reasoning`; vLLM may send both with the same text, which is taken once.
 */
export interface ThinkDelta {
  content?: string | null;
  reasoning?: string | null;
  reasoning_content?: string | null;
}

/**
 * What a push made visible. `reasoning` and `answer` are the live view so far (untrimmed, not yet
 * final); the deltas are what was appended to them by this push. When `replaced` is true, text shown
 * earlier was reclassified (a `</think>` arrived with no opening tag, so the "answer" so far was
 * reasoning): redraw from `reasoning` and `answer` instead of appending.
 */
export interface ThinkStreamUpdate {
  reasoningDelta: string;
  answerDelta: string;
  replaced: boolean;
  reasoning: string;
  answer: string;
  /** Provisional: `unclosed` while inside a reasoning block. */
  state: ThinkState;
}

export interface ThinkStream {
  push(delta: ThinkDelta): ThinkStreamUpdate;
  /** The final split; identical to `splitThink` on the concatenated input, however it was cut. */
  end(): SplitResult;
}
