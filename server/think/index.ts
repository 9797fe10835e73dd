export { splitThink } from './splitThink';
export { createThinkStream, promptOpensThink } from './thinkStream';
export { mergeReasoningFields } from './reasoningFields';
export { DEFAULT_TAG_NAMES } from './markupTokens';
export type {
  SplitFlag,
  SplitInput,
  SplitOptions,
  SplitResult,
  ThinkContext,
  ThinkDelta,
  ThinkState,
  ThinkStream,
  ThinkStreamUpdate,
} from './types';
