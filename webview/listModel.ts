import { ListQuestions, type ListQuestionsResult, type QuestionFilters, type QuestionSummary, type RaterProgressView } from './protocol';
import type { Rpc } from './rpc';

export const PAGE_SIZE = 200;

/**
 * The question list as pages fetched on demand, so 100,000 questions cost only what is on screen. A change
 * of filters starts a new generation; answers for an older generation are dropped.
 */
export class ListModel {
  private pages = new Map<number, QuestionSummary[]>();
  /** Loaded pages a refresh has outdated: still shown, reloaded when next asked for. */
  private stale = new Set<number>();
  private loading = new Map<number, Promise<void>>();
  private generation = 0;
  /** Whether a page request of this generation already asked for the rater's progress. */
  private progressAsked = false;
  /** The rows last asked for by the list view: what is on screen. */
  private shown = { first: 0, last: 0 };
  total = 0;
  progress: RaterProgressView | undefined;
  models: string[] = [];
  /** Whether the study is blind (from the server, with every page). */
  blind = false;
  /** The ROUGE filter's metric, and the answers it still has to score (from the last page). */
  rougeFilter: ListQuestionsResult['rougeFilter'] | undefined;
  private rescan: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly rpc: Rpc,
    private readonly onChange: () => void,
    /** How long the list waits before asking again while the host scores answers for the ROUGE filter. */
    private readonly rescanMs = RESCAN_MS,
  ) {}

  filters: QuestionFilters = {};

  /** Drops every page and loads the first one under the new filters. */
  async reset(filters: QuestionFilters): Promise<void> {
    this.filters = filters;
    this.rougeFilter = this.rougeFilter && { metric: this.rougeFilter.metric };
    this.generation++;
    this.progressAsked = false;
    this.pages = new Map();
    this.stale = new Set();
    this.loading = new Map();
    await this.ensurePage(0);
  }

  /**
   * Re-fetches the pages on screen after a save changed progress or filter membership. The loaded rows stay
   * until their fresh copies arrive: dropping them blanked the list after every save and lost the selected
   * question's place, so a `j` pressed meanwhile went to the top. Pages out of view are only marked stale and
   * reloaded when shown again, so a save costs the host one screenful, not every page visited since.
   */
  async refresh(): Promise<void> {
    this.generation++;
    this.progressAsked = false;
    this.loading = new Map();
    this.stale = new Set(this.pages.keys());
    const pages = pagesOf(this.shown.first, this.shown.last);
    await Promise.all(pages.map((p) => this.ensurePage(p)));
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
    this.shown = { first, last };
    for (const p of pagesOf(first, last)) void this.ensurePage(p);
  }

  /** The row at `index`, loading its page first unless some copy of it is loaded already (then refreshed behind). */
  async ensureIndex(index: number): Promise<QuestionSummary | undefined> {
    const page = Math.floor(index / PAGE_SIZE);
    const loading = this.ensurePage(page);
    if (!this.pages.has(page)) await loading;
    return this.at(index);
  }

  /**
   * The host scores answers for the ROUGE filter a little at a time and lists only the scored ones: ask again
   * until it has scored them all, so questions join the list as their scores arrive.
   */
  private refreshWhileScoring(): void {
    if (!this.rougeFilter?.unscored || this.rescan) return;
    this.rescan = setTimeout(() => {
      this.rescan = undefined;
      if (this.filters.lowRouge !== undefined) void this.refresh();
    }, this.rescanMs);
  }

  private ensurePage(page: number): Promise<void> {
    if (this.pages.has(page) && !this.stale.has(page)) return Promise.resolve();
    if (page > 0 && page * PAGE_SIZE >= this.total) return Promise.resolve();
    const pending = this.loading.get(page);
    if (pending) return pending;
    const generation = this.generation;
    // The progress changes only with saves (each starts a new generation): one count per generation is enough.
    const withProgress = !this.progressAsked;
    this.progressAsked = true;
    const load = this.rpc.request(ListQuestions, { filters: this.filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE, withProgress }).then((r: ListQuestionsResult) => {
      if (generation !== this.generation) return;
      this.pages.set(page, r.questions);
      this.stale.delete(page);
      this.total = r.total;
      if (r.progress) this.progress = r.progress;
      this.models = r.models;
      this.blind = r.blind;
      this.rougeFilter = r.rougeFilter;
      this.refreshWhileScoring();
      this.onChange();
    });
    this.loading.set(page, load);
    return load.finally(() => {
      if (generation === this.generation) this.loading.delete(page);
    });
  }
}

/** How often the list is asked for again while the host scores answers for the ROUGE filter. */
const RESCAN_MS = 500;

function pagesOf(first: number, last: number): number[] {
  const pages: number[] = [];
  for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(Math.max(0, last) / PAGE_SIZE); p++) pages.push(p);
  return pages;
}
