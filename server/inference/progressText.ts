import type { BatchEvent, BatchSummary } from './batchTypes';
import type { GenerationResult } from './types';

/** One line of human-readable progress for a batch event (the CLI's stderr, the server log). */

function resultText(r: GenerationResult): string {
  const tokens = r.usage?.completionTokens !== undefined ? `, ${r.usage.completionTokens} tokens` : '';
  const why = r.finishReason ? ` (${r.finishReason}${tokens})` : tokens ? ` (${tokens.slice(2)})` : '';
  const error = r.error ? `: ${r.error.message}` : '';
  return `${r.status}${why}${error}`;
}

export function batchEventLine(e: BatchEvent): string | undefined {
  switch (e.type) {
    case 'planned':
      return `${e.total} generation${e.total === 1 ? '' : 's'} to run${e.skipped ? ` (${e.skipped} already done, skipped)` : ''}`;
    case 'finished':
      return `[${e.finished}/${e.total}] ${e.result.questionId ?? '?'} ${e.result.model}: ${resultText(e.result)}`;
    case 'endpoint-down':
      return `endpoint ${e.endpoint} is down: ${e.failure.message}`;
    case 'generation':
      if (e.event.type === 'retrying') return `${e.questionId} ${e.model}: ${e.event.reason}; retrying in ${(e.event.delayMs / 1000).toFixed(1)} s (attempt ${e.event.attempt + 1})`;
      return undefined;
    default:
      return undefined;
  }
}

export function batchSummaryLine(s: BatchSummary): string {
  const parts = [`${s.complete} complete`];
  if (s.incomplete) parts.push(`${s.incomplete} incomplete`);
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.cancelled) parts.push(`${s.cancelled} cancelled`);
  if (s.notRun) parts.push(`${s.notRun} not run`);
  if (s.skipped) parts.push(`${s.skipped} skipped (already done)`);
  const rate = s.wallMs > 0 ? `, ${((s.completionTokens * 1000) / s.wallMs).toFixed(1)} tokens/s` : '';
  return `${parts.join(', ')} in ${(s.wallMs / 1000).toFixed(1)} s${rate}`;
}
