/**
 * vLLM may send `reasoning` and `reasoning_content` together with the same text; llama.cpp sends only
 * `reasoning_content`, Ollama only `reasoning`. Identical text is taken once; different texts are both
 * kept (reasoning_content first) so nothing the server sent is lost.
 */
export function mergeReasoningFields(reasoningContent: string | null | undefined, reasoning: string | null | undefined): string {
  const a = reasoningContent ?? '';
  const b = reasoning ?? '';
  if (a === '' || a === b) return b;
  if (b === '') return a;
  return a + b;
}
