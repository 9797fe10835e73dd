import type { Question } from '../dataset/model';
import type { BatchTarget } from './batchTypes';

export interface BatchJob {
  key: string;
  question: Question;
  target: BatchTarget;
}

/**
 * The jobs of one target (one model and template), shared by every endpoint serving that model: whichever
 * endpoint has a free slot takes the next one. A job whose endpoint went down goes back to the front.
 */
export class JobQueue {
  private inFlight = 0;
  /** Endpoints still able to take jobs from this queue. */
  liveEndpoints = 0;

  constructor(private readonly pending: BatchJob[]) {}

  take(): BatchJob | undefined {
    const job = this.pending.shift();
    if (job) this.inFlight++;
    return job;
  }

  finish(): void {
    this.inFlight--;
  }

  giveBack(job: BatchJob): void {
    this.inFlight--;
    this.pending.unshift(job);
  }

  /** Jobs no endpoint will run (every endpoint down, or the batch stopped), removed from the queue. */
  drain(): BatchJob[] {
    return this.pending.splice(0);
  }

  /** Nothing waiting and nothing running: a worker may stop looking here. */
  get settled(): boolean {
    return this.pending.length === 0 && this.inFlight === 0;
  }
}

/** Wakes workers that wait for a queue to change (a job given back, or the last one finishing). */
export class ChangeSignal {
  private wake: () => void = () => undefined;
  private next = this.fresh();

  private fresh(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  wait(): Promise<void> {
    return this.next;
  }

  notify(): void {
    const wake = this.wake;
    this.next = this.fresh();
    wake();
  }
}
