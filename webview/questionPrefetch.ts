import { GetQuestion, type QuestionDetail } from './protocol';
import type { Rpc } from './rpc';

interface Entry {
  detail: Promise<QuestionDetail>;
  /** The rpc's write mark when the fetch went out; the entry is good only while it is unchanged. */
  mark: number;
}

/**
 * The questions next to the one shown, fetched ahead, so `j`/`k` draw at once instead of waiting for a round
 * trip through VS Code and the language server (about as long as drawing itself). A fetched question is used
 * only if nothing that could change stored data (a rating, a draft, a flag, a generation) was sent since it
 * was fetched, and once: a question shown again is asked for afresh.
 */
export class QuestionPrefetch {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rpc: Rpc,
    private readonly capacity = 4,
  ) {}

  /** The question, from the prefetched copy when it is still good, else from the host. */
  get(id: string): Promise<QuestionDetail> {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (entry && entry.mark === this.rpc.writeMark) return entry.detail.catch(() => this.rpc.request(GetQuestion, { id }));
    return this.rpc.request(GetQuestion, { id });
  }

  /** Fetches these questions ahead unless a good copy is here or a data-changing request is still open. */
  warm(ids: readonly string[]): void {
    const mark = this.rpc.writeMark;
    if (mark === undefined) return;
    for (const id of ids) {
      const held = this.entries.get(id);
      if (held && held.mark === mark) continue;
      const detail = this.rpc.request(GetQuestion, { id });
      // A failed prefetch is forgotten; the question is asked for again when shown.
      detail.catch(() => this.entries.get(id)?.detail === detail && this.entries.delete(id));
      this.entries.delete(id);
      this.entries.set(id, { detail, mark });
    }
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
