import type { Timeouts } from './types';

export type TimeoutPhase = 'connect' | 'first-byte' | 'idle';

/**
 * The three clocks of a request. Connecting has a generous limit; once connected, a server may hold the
 * request with zero bytes for as long as its slots are busy, so that phase only reports "waiting" (and has
 * no limit unless one is set); once bytes flow, silence longer than the idle limit means a stall.
 */
export class PhaseTimers {
  private connectTimer?: NodeJS.Timeout;
  private firstByteTimer?: NodeJS.Timeout;
  private waitingTimer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;
  private connectedAt?: number;
  private flowing = false;

  constructor(
    private readonly limits: Timeouts,
    private readonly onTimeout: (phase: TimeoutPhase) => void,
    private readonly onWaiting: (sinceMs: number) => void,
  ) {}

  start(): void {
    this.connectTimer = setTimeout(() => this.onTimeout('connect'), this.limits.connectMs);
  }

  connected(): void {
    clearTimeout(this.connectTimer);
    if (this.flowing || this.connectedAt !== undefined) return;
    const at = Date.now();
    this.connectedAt = at;
    this.waitingTimer = setInterval(() => this.onWaiting(Date.now() - at), this.limits.waitingNoticeMs);
    if (this.limits.firstByteMs > 0) this.firstByteTimer = setTimeout(() => this.onTimeout('first-byte'), this.limits.firstByteMs);
  }

  /** Bytes arrived: the waiting is over and the idle clock restarts. */
  bytes(): void {
    if (!this.flowing) {
      this.flowing = true;
      clearTimeout(this.connectTimer);
      clearTimeout(this.firstByteTimer);
      clearInterval(this.waitingTimer);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.onTimeout('idle'), this.limits.idleMs);
  }

  clear(): void {
    clearTimeout(this.connectTimer);
    clearTimeout(this.firstByteTimer);
    clearInterval(this.waitingTimer);
    clearTimeout(this.idleTimer);
  }
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, idleMs: 120_000, waitingNoticeMs: 1_000, firstByteMs: 0 };
