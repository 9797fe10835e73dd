import type { GenerationEvent } from '../inference';
import type { GenerationPhase } from '../protocol';
import type { ThinkState } from '../think/types';

/** What one progress message carries, before the generation's identity is added. */
export interface ProgressPayload {
  phase: GenerationPhase;
  reasoningDelta: string;
  answerDelta: string;
  replaced: boolean;
  reasoning?: string;
  answer?: string;
  state: ThinkState;
  waiting?: { sinceMs: number };
  retrying?: { attempt: number; delayMs: number; reason: string };
}

/** Time and timers, injectable so the throttle's behaviour can be checked without waiting. */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** ~30 messages per second: smooth to the eye, and a fraction of the token rate of a fast server. */
export const PROGRESS_INTERVAL_MS = 33;

/**
 * Turns a generation's events into progress messages, at most one per interval: the first goes out at once
 * (the first token should appear without delay), later ones are merged until the interval has passed. Merging
 * concatenates deltas; once any merged update replaced the text, the message carries the whole text instead.
 */
export class ProgressThrottle {
  private pending: ProgressPayload | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private state: ThinkState = 'none';
  private closed = false;

  constructor(
    private readonly send: (p: ProgressPayload) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly clock: Clock = systemClock,
  ) {}

  push(e: GenerationEvent): void {
    if (this.closed) return;
    const p = this.pending ?? { phase: 'streaming', reasoningDelta: '', answerDelta: '', replaced: false, state: this.state };
    this.pending = p;
    switch (e.type) {
      case 'delta':
        this.state = e.state;
        p.phase = 'streaming';
        p.state = e.state;
        delete p.waiting;
        delete p.retrying;
        if (e.replaced || p.replaced) {
          Object.assign(p, { replaced: true, reasoningDelta: '', answerDelta: '' });
          p.reasoning = e.reasoning;
          p.answer = e.answer;
        } else {
          p.reasoningDelta += e.reasoningDelta;
          p.answerDelta += e.answerDelta;
        }
        break;
      case 'waiting':
        p.phase = 'waiting';
        p.waiting = { sinceMs: e.sinceMs };
        break;
      case 'retrying':
        // A new attempt starts the text over: whatever was shown is cleared.
        Object.assign(p, { phase: 'retrying', replaced: true, reasoning: '', answer: '', reasoningDelta: '', answerDelta: '', state: 'none' });
        this.state = 'none';
        p.retrying = { attempt: e.attempt, delayMs: e.delayMs, reason: e.reason };
        break;
      case 'streaming':
        p.phase = 'streaming';
        delete p.waiting;
        break;
    }
    this.schedule();
  }

  /** Sends what is pending now (before the final `done`). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.pending;
    this.pending = undefined;
    if (p && !this.closed) {
      this.lastSentAt = this.clock.now();
      this.send(p);
    }
  }

  /** Flushes and sends nothing more, whatever arrives later. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }
}
