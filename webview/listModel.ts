import { ListQuestions, type ListQuestionsResult, type QuestionFilters, type QuestionSummary, type RaterProgressView } from './protocol';
import type { Rpc } from './rpc';

export const PAGE_SIZE = 200;

/**
 * The question list as pages fetched on demand, so 100,000 questions cost only what is on screen. A change
 * of filters starts a new generation; answers for an older generation are dropped.
 */
export class ListModel {
  private pages = new Map<number, QuestionSummary[]>();
  private loading = new Map<number, Promise<void>>();
  private generation = 0;
  total = 0;
  progress: RaterProgressView | undefined;
  models: string[] = [];

  constructor(
    private readonly rpc: Rpc,
    private readonly onChange: () => void,
  ) {}

  filters: QuestionFilters = {};

  /** Drops every page and loads the first one under the new filters. */
  async reset(filters: QuestionFilters): Promise<void> {
    this.filters = filters;
    this.generation++;
    this.pages = new Map();
    this.loading = new Map();
    await this.ensurePage(0);
  }

  /** Re-fetches the pages already loaded (after a save changed progress or filter membership). */
  async refresh(): Promise<void> {
    const loaded = [...this.pages.keys()];
    this.generation++;
    this.pages = new Map();
    this.loading = new Map();
    await Promise.all((loaded.length ? loaded : [0]).map((p) => this.ensurePage(p)));
  }

  at(index: number): QuestionSummary | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  indexOf(id: string): number {
    for (const [page, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return page * PAGE_SIZE + i;
    }
    return -1;
  }

  /** Loads the pages covering [first, last]; rows appear as they arrive. */
  ensureRange(first: number, last: number): void {
    for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(Math.max(0, last) / PAGE_SIZE); p++) void this.ensurePage(p);
  }

  async ensureIndex(index: number): Promise<QuestionSummary | undefined> {
    await this.ensurePage(Math.floor(index / PAGE_SIZE));
    return this.at(index);
  }

  private ensurePage(page: number): Promise<void> {
    if (this.pages.has(page)) return Promise.resolve();
    if (page > 0 && page * PAGE_SIZE >= this.total) return Promise.resolve();
    const pending = this.loading.get(page);
    if (pending) return pending;
    const generation = this.generation;
    const load = this.rpc.request(ListQuestions, { filters: this.filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((r: ListQuestionsResult) => {
      if (generation !== this.generation) return;
      this.pages.set(page, r.questions);
      this.total = r.total;
      this.progress = r.progress;
      this.models = r.models;
      this.onChange();
    });
    this.loading.set(page, load);
    return load.finally(() => {
      if (generation === this.generation) this.loading.delete(page);
    });
  }
}
