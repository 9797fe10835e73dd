import { attemptOnce } from './attempt';
import { backoffDelay, DEFAULT_RETRY, pause } from './backoff';
import { GenerationState } from './generationState';
import { DEFAULT_TIMEOUTS } from './phaseTimers';
import type { GenerateOptions, GenerationRequest, GenerationResult, InferenceFailure } from './types';

/**
 * Generates one answer, streaming: events report waiting, retries and every split delta as it arrives.
 * Always resolves with a result whose `status` says how it ended (cancel, disconnects and server errors
 * included, with any partial text kept); it rejects only for a request that cannot be sent at all (a
 * template in the wrong mode for the API).
 */
export async function generate(req: GenerationRequest, options: GenerateOptions = {}): Promise<GenerationResult> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const onEvent = options.onEvent ?? (() => undefined);
  const startedAt = new Date().toISOString();
  let last: InferenceFailure | undefined;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(req, { signal: options.signal, onEvent, timeouts, attempt, startedAt });
    if (outcome.kind === 'done') return outcome.result;
    last = outcome.failure;
    if (attempt >= retry.maxAttempts) break;
    const delayMs = backoffDelay(retry, attempt, outcome.retryAfterMs);
    onEvent({ type: 'retrying', attempt, delayMs, reason: outcome.failure.message });
    if (!(await pause(delayMs, options.signal))) {
      return new GenerationState(req, Date.parse(startedAt), onEvent).toResult('cancelled', undefined, attempt, startedAt);
    }
  }
  const message = `${last.message} (gave up after ${retry.maxAttempts} attempts)`;
  return new GenerationState(req, Date.parse(startedAt), onEvent).toResult('failed', { ...last, message }, retry.maxAttempts, startedAt);
}
