import type { GenerationParams } from '../dataset/model';

/**
 * `chat`: the rendered body is sent as the user message and the server applies the model's chat template.
 * `completion`: the rendered body is sent as raw text, exactly as written.
 */
export type TemplateMode = 'chat' | 'completion';

export interface PromptTemplate {
  /** Front matter `id`, else the file name without `.prompt.md`. */
  id: string;
  /** Path as given (or `builtin:<id>`). */
  file: string;
  description?: string;
  mode: TemplateMode;
  /** System message (chat mode only). */
  system?: string;
  stop: string[];
  /** Sampling parameters the template sets; the rest are left to the server. */
  params: GenerationParams;
  /** The body with placeholders, line endings normalised to `\n`, without the file's final newline. */
  body: string;
  /** Offset of the body in the source text, so positions in the body map back to the file. */
  bodyStart: number;
  /**
   * The prompt ends inside an opened reasoning tag (`<think>`), so the output starts in reasoning: detected for
   * a completion body ending in `<think>`, or set in the front matter (a chat template that opens it).
   */
  thinkOpenedByPrompt: boolean;
  /** SHA-256 of what changes a generation (mode, system, stop, params, body): the template's version. */
  hash: string;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export type RenderedPrompt =
  | { mode: 'chat'; messages: ChatMessage[]; thinkOpenedByPrompt: boolean }
  | { mode: 'completion'; prompt: string; thinkOpenedByPrompt: boolean };
