import { html, nothing, render, type TemplateResult } from 'lit';
import { GetQuestion, GetStatus, ListQuestions, RunPanelCommand, SelectQuestion, ShowLog, StatusChanged, type QuestionDetail, type QuestionSummary, type ServerStatus } from './protocol';
import { RpcError, type Rpc } from './rpc';
import type { VsCodeApi } from './vscodeApi';
import { questionList } from './views/questionList';
import { questionView } from './views/questionView';

interface AppState {
  status?: ServerStatus;
  questions: QuestionSummary[];
  total: number;
  search: string;
  selectedId?: string;
  detail?: QuestionDetail;
  /** Answers shown in full although longer than the render limit. */
  expanded: ReadonlySet<string>;
  error?: string;
}

/**
 * The panel controller: holds view state only, asks the extension for data, and re-renders. Questions and
 * answers live in the server; nothing here is the source of truth.
 */
export class App {
  private state: AppState;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly rpc: Rpc,
    private readonly api: VsCodeApi,
  ) {
    const saved = api.getState();
    this.state = { questions: [], total: 0, search: saved?.search ?? '', selectedId: saved?.selectedQuestionId, expanded: new Set() };
    rpc.onNotification(StatusChanged, (s) => {
      const becameReady = s.state === 'ready' && this.state.status?.state !== 'ready';
      this.set({ status: s });
      if (becameReady) void this.loadList();
    });
    rpc.onNotification(RunPanelCommand, ({ command }) => {
      const i = this.state.questions.findIndex((q) => q.id === this.state.selectedId);
      const next = this.state.questions[command === 'nextQuestion' ? i + 1 : i - 1];
      if (next) void this.select(next.id);
    });
    rpc.onNotification(SelectQuestion, ({ id }) => {
      this.set({ search: '' });
      void this.loadList().then(() => this.select(id));
    });
  }

  async start(): Promise<void> {
    this.draw();
    try {
      this.set({ status: await this.rpc.request(GetStatus, undefined) });
    } catch (err) {
      this.fail(err);
    }
    if (this.state.status?.state === 'ready') await this.loadList();
  }

  private async loadList(): Promise<void> {
    try {
      const r = await this.rpc.request(ListQuestions, { search: this.state.search || undefined, limit: 500 });
      this.set({ questions: r.questions, total: r.total, error: undefined });
      const keep = this.state.selectedId && r.questions.some((q) => q.id === this.state.selectedId);
      const id = keep ? this.state.selectedId : r.questions[0]?.id;
      if (id) await this.select(id);
    } catch (err) {
      this.fail(err);
    }
  }

  private async select(id: string): Promise<void> {
    this.set({ selectedId: id });
    this.persist();
    try {
      const detail = await this.rpc.request(GetQuestion, { id });
      if (this.state.selectedId === id) this.set({ detail, error: undefined });
    } catch (err) {
      this.fail(err);
    }
  }

  private onSearch(text: string): void {
    this.set({ search: text });
    this.persist();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.loadList(), 150);
  }

  private fail(err: unknown): void {
    this.set({ error: err instanceof RpcError ? err.message : String(err) });
  }

  private persist(): void {
    this.api.setState({ selectedQuestionId: this.state.selectedId, search: this.state.search });
  }

  private set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.draw();
  }

  private banner(): TemplateResult | typeof nothing {
    const { status, error } = this.state;
    if (error) {
      return html`<div class="banner error" role="alert">${error}
        <vscode-button secondary @click=${() => void this.rpc.request(ShowLog, undefined)}>Open log</vscode-button></div>`;
    }
    if (!status || status.state === 'loading') return html`<div class="banner" role="status">Loading datasets…</div>`;
    if (status.state === 'error') return html`<div class="banner error" role="alert">${status.message ?? 'Loading failed'}</div>`;
    return nothing;
  }

  private draw(): void {
    const s = this.state;
    render(
      html`${this.banner()}
        <div class="layout">
          ${questionList({
            questions: s.questions,
            total: s.total,
            selectedId: s.selectedId,
            search: s.search,
            onSearch: (t) => this.onSearch(t),
            onSelect: (id) => void this.select(id),
          })}
          <main class="detail" aria-live="polite">
            ${s.detail
              ? questionView(s.detail, { expanded: s.expanded, onExpand: (id) => this.set({ expanded: new Set([...s.expanded, id]) }) })
              : html`<p class="empty">Select a question.</p>`}
          </main>
        </div>`,
      this.root,
    );
  }
}
