import type { BootstrapOptions } from '../metrics/stats';
import type { RougeMeans, SummaryRouge } from '../summary';

/** What the ROUGE thread is started with: the checked rows of every model and the bootstrap's settings. */
export interface RougeThreadStart {
  rows: readonly SummaryRouge[];
  options: BootstrapOptions;
}

/** From the ROUGE thread, once: every model's means (rougeByModel's entries), or why there are none. */
export type RougeThreadResult = { kind: 'means'; byModel: [string, RougeMeans | null][] } | { kind: 'error'; message: string };
