import type { ContentFold } from './contentFold';

/**
 * The text a stream has shown so far. Batch splitting has no viewer and skips this bookkeeping; the
 * split itself never depends on it.
 */
export class LiveView {
  reasoning = '';
  answer = '';
  answerHasText = false;
  reasoningDelta = '';
  answerDelta = '';
  replaced = false;

  begin(): void {
    this.reasoningDelta = '';
    this.answerDelta = '';
    this.replaced = false;
  }

  appendReasoning(text: string): void {
    this.reasoningDelta += text;
    this.reasoning += text;
  }

  appendAnswer(text: string): void {
    this.answerDelta += text;
    this.answer += text;
    if (!this.answerHasText && /\S/.test(text)) this.answerHasText = true;
  }

  redraw(fold: ContentFold | undefined, serverReasoning: string): void {
    const segments = fold?.segments ?? [];
    this.reasoning = serverReasoning + segments.filter((s) => s.role === 'reasoning').map((s) => s.text).join('');
    this.answer = segments.filter((s) => s.role === 'answer').map((s) => s.text).join('');
    this.answerHasText = /\S/.test(this.answer);
    this.replaced = true;
    this.reasoningDelta = '';
    this.answerDelta = '';
  }
}
