import { html, nothing, render, type TemplateResult } from 'lit';
import type { Rubric } from '../server/rubric/types';
import { FormController } from './formController';
import { FrameGate } from './frameGate';
import { LiveGenerations } from './liveGenerations';
import { perf } from './perfMarks';
import { ListModel } from './listModel';
import {
  BatchFinished,
  BatchProgressed,
  CancelGeneration,
  ChooseAndGenerate,
  CopyText,
  CorrectExtraction,
  GenerateForQuestions,
  GenerationFinished,
  GenerationProgressed,
  GetAdjudication,
  GetRubric,
  GetShortcuts,
  GetStatus,
  OpenKeybindings,
  RunningGenerations,
  StartGeneration,
  RunPanelCommand,
  SavePreference,
  RatingsChanged,
  SelectQuestion,
  SetFlag,
  ShowLog,
  StatusChanged,
  Undo,
  type AdjudicationView,
  type GenerationDone,
  type AnswerView,
  type PanelCommand,
  type PreferenceChoiceView,
  type PreferenceView,
  type QuestionDetail,
  type QuestionFilters,
  type RubricView,
  type ServerStatus,
  type Shortcut,
} from './protocol';
import { fieldLabel, formFields, missingFieldIndexes, valueForKey, type FormField } from './ratingForm';
import { RpcError, type Rpc } from './rpc';
import type { VsCodeApi } from './vscodeApi';
import { adjudicationView } from './views/adjudicationView';
import { guidelinesOverlay, shortcutsOverlay } from './views/overlays';
import { questionList } from './views/questionList';
import { questionView } from './views/questionView';
import { toolbar } from './views/toolbar';
import { SummaryPage } from './summaryPage';
import { QuestionPrefetch } from './questionPrefetch';

interface ViewState {
  status?: ServerStatus;
  rubric?: RubricView;
  shortcuts: Shortcut[];
  selectedId?: string;
  detail?: QuestionDetail;
  focusedAnswer: number;
  focusedField: number;
  reasoningOpen: Set<string>;
  expanded: Set<string>;
  overlay?: 'shortcuts' | 'guidelines';
  /** The answer whose extracted choice is being corrected. */
  correcting?: string;
  /** The pair of answers the preference control compares. */
  pair?: { left: string; right: string };
  preferencePending: boolean;
  /** Adjudication mode: disagreements only, names revealed, consensus ratings. */
  adjudicating: boolean;
  adjudication?: AdjudicationView;
  /** Filters in force before adjudication began, restored after. */
  reviewFilters?: QuestionFilters;
  toast?: string;
  error?: string;
  scrollTop: number;
  viewportHeight: number;
}

/** Row height of the question list in em; the pixel value follows the font size and zoom. */
const ROW_HEIGHT_EM = 4.2;

/**
 * The panel controller: holds view state only, asks the extension for data, and re-renders. Questions,
 * answers and ratings live in the server; forms are kept here only until the store acknowledged them.
 */
export class App {
  private s: ViewState;
  private readonly list: ListModel;
  private readonly forms: FormController;
  private readonly consensusForms: FormController;
  private readonly live = new LiveGenerations();
  private readonly summary: SummaryPage;
  private readonly prefetch: QuestionPrefetch;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private drawQueued = false;
  private readonly frames = new FrameGate();
  /** Answers generated since the panel opened (marked "new" on their cards). */
  private readonly fresh = new Set<string>();
  private batchRefresh: ReturnType<typeof setTimeout> | undefined;
  /** The question whose first paint is still to be marked. */
  private paintPending: string | undefined;
  /** The keyboard moved the focused field: bring it into view once drawn (it may be below the fold). */
  private revealField = false;
  /** The "not saved yet" notice on screen, taken down once the rater goes on filling in the form. */
  private incompleteNotice: string | undefined;
  /** Where the keyboard focus was before a dialog took it, to give it back on close. */
  private focusBeforeOverlay: HTMLElement | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly rpc: Rpc,
    private readonly api: VsCodeApi,
  ) {
    // Focusable, so focus can return to the page itself (where the review keys work) when a dialog closes.
    root.tabIndex = -1;
    const saved = api.getState();
    this.s = {
      shortcuts: [],
      selectedId: saved?.selectedQuestionId,
      focusedAnswer: saved?.focusedAnswer ?? 0,
      focusedField: saved?.focusedField ?? 0,
      reasoningOpen: new Set(),
      expanded: new Set(),
      preferencePending: false,
      adjudicating: saved?.adjudicating ?? false,
      scrollTop: saved?.scrollTop ?? 0,
      viewportHeight: 800,
    };
    this.list = new ListModel(rpc, () => this.draw());
    this.prefetch = new QuestionPrefetch(rpc);
    // Saves change what a prefetched neighbour shows: fetch them again once the store has answered.
    rpc.onWritesSettled(() => this.warmNeighbours());
    this.summary = new SummaryPage(rpc, () => this.draw(), (toast) => this.set({ toast }));
    this.list.filters = saved?.filters ?? {};
    const holdFrames = (): (() => void) => this.frames.hold();
    this.forms = new FormController(rpc, () => this.draw(), (id) => void this.afterSave(id), false, holdFrames);
    this.consensusForms = new FormController(rpc, () => this.draw(), () => void this.list.refresh(), true, holdFrames);
    rpc.onNotification(StatusChanged, (status) => {
      const becameReady = status.state === 'ready' && this.s.status?.state !== 'ready';
      this.set({ status });
      if (becameReady) void this.loadAll();
    });
    rpc.onNotification(SelectQuestion, ({ id }) => void this.list.reset({}).then(() => this.select(id)));
    rpc.onNotification(RatingsChanged, () => void this.ratingsChanged());
    rpc.onNotification(RunPanelCommand, ({ command, key }) => void this.run(command, key));
    // At document level: the dialog opened by a key has focus, but a click behind it may have moved it.
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !this.s.overlay) return;
      e.preventDefault();
      this.closeOverlay();
    });
    rpc.onNotification(GenerationProgressed, (p) => {
      this.live.progress(p);
      if (p.questionId === this.s.selectedId) this.draw();
    });
    rpc.onNotification(GenerationFinished, (d) => void this.generationDone(d));
    rpc.onNotification(BatchProgressed, (b) => this.batchAdvanced(b.lastAnswer?.questionId));
    rpc.onNotification(BatchFinished, () => this.batchAdvanced(this.s.selectedId));
  }

  async start(): Promise<void> {
    this.draw();
    try {
      this.set({ status: await this.rpc.request(GetStatus, undefined) });
      if (this.s.status?.state === 'ready') await this.loadAll();
    } catch (err) {
      this.fail(err);
    }
  }

  private get rubric(): Rubric | undefined {
    return this.s.rubric?.rubric;
  }

  private rowHeightPx(): number {
    return ROW_HEIGHT_EM * parseFloat(getComputedStyle(document.body).fontSize || '13');
  }

  private async loadAll(): Promise<void> {
    try {
      const [rubric, shortcuts, running] = await Promise.all([
        this.rpc.request(GetRubric, undefined),
        this.rpc.request(GetShortcuts, undefined),
        this.rpc.request(RunningGenerations, undefined).catch(() => []),
      ]);
      for (const g of running) this.live.snapshot(g);
      this.set({ rubric, shortcuts, error: undefined });
      await this.list.reset(this.list.filters);
      const keep = this.s.selectedId !== undefined;
      const first = this.list.at(0);
      if (keep) await this.select(this.s.selectedId as string, true);
      else if (first) await this.select(first.id);
      this.restoreScroll();
    } catch (err) {
      this.fail(err);
    }
  }

  // ------------------------------------------------------------------ selection

  private async select(id: string, keepFocus = false): Promise<void> {
    const changed = id !== this.s.selectedId;
    if (changed) {
      perf.selected(id);
      this.paintPending = id;
    }
    this.set({ selectedId: id, ...(changed && !keepFocus ? { focusedAnswer: 0, focusedField: 0, reasoningOpen: new Set<string>() } : {}) });
    this.persist();
    try {
      const detail = await this.prefetch.get(id);
      if (this.s.selectedId !== id) return;
      this.forms.load(detail.answers);
      const adjudication = this.s.adjudicating ? await this.rpc.request(GetAdjudication, { id }) : undefined;
      if (this.s.selectedId !== id) return;
      this.consensusForms.load(adjudication?.answers.map((x) => x.answer) ?? []);
      this.set({ detail, adjudication, error: undefined, pair: pairFor(detail, this.s.pair), focusedAnswer: Math.min(this.s.focusedAnswer, Math.max(0, detail.answers.length - 1)) });
      this.warmNeighbours();
    } catch (err) {
      this.fail(err);
    }
  }

  /** The questions `j` and `k` would show next, fetched ahead (not while adjudicating: that view needs more). */
  private warmNeighbours(): void {
    const index = this.s.selectedId ? this.list.indexOf(this.s.selectedId) : -1;
    if (index < 0 || this.s.adjudicating) return;
    const ids = [this.list.at(index + 1)?.id, this.list.at(index - 1)?.id].filter((x): x is string => x !== undefined);
    this.prefetch.warm(ids);
  }

  private async step(delta: number): Promise<void> {
    const current = this.s.selectedId ? this.list.indexOf(this.s.selectedId) : -1;
    const next = await this.list.ensureIndex(Math.max(0, Math.min(this.list.total - 1, current + delta)));
    if (!next || next.id === this.s.selectedId) return;
    await this.select(next.id);
    this.scrollToSelected();
  }

  private scrollToSelected(): void {
    const index = this.s.selectedId ? this.list.indexOf(this.s.selectedId) : -1;
    const viewport = this.root.querySelector<HTMLElement>('.list-viewport');
    if (index < 0 || !viewport) return;
    const top = index * this.rowHeightPx();
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + this.rowHeightPx() > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + this.rowHeightPx() - viewport.clientHeight;
  }

  private restoreScroll(): void {
    const viewport = this.root.querySelector<HTMLElement>('.list-viewport');
    if (viewport) viewport.scrollTop = this.s.scrollTop;
    this.scrollToSelected();
  }

  private onFilters(filters: QuestionFilters): void {
    this.list.filters = filters;
    this.persist();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.list.reset(filters).then(() => this.afterFilter()), 150);
    this.draw();
  }

  private async afterFilter(): Promise<void> {
    const first = this.list.at(0);
    if (this.s.selectedId && this.list.indexOf(this.s.selectedId) >= 0) return;
    if (first) await this.select(first.id);
  }

  // ------------------------------------------------------------------ rating

  /** Other raters' work arrived (a merge): fresh list rows and progress, and the question shown read again. */
  private async ratingsChanged(): Promise<void> {
    // Fetched-ahead questions predate the change, and no write of this page marks them stale.
    this.prefetch.clear();
    await this.list.refresh();
    if (this.s.detail) await this.select(this.s.detail.id, true);
  }

  private async afterSave(answerId: string): Promise<void> {
    await this.list.refresh();
    const d = this.s.detail;
    // In blind mode names come back once every answer is rated: fetch the question again then.
    if (d?.blind && d.answers.every((a) => a.id === answerId || this.forms.get(a.id)?.status === 'saved')) await this.select(d.id, true);
  }

  private focusedAnswerView(): AnswerView | undefined {
    return this.s.detail?.answers[this.s.focusedAnswer];
  }

  private fields(): FormField[] {
    return this.rubric ? formFields(this.rubric) : [];
  }

  private choose(key: string): void {
    const a = this.focusedAnswerView();
    const rubric = this.rubric;
    const field = this.fields()[this.s.focusedField];
    if (!a || !rubric || !field) return;
    const value = valueForKey(field, key);
    if (value === undefined) return;
    this.forms.choose(rubric, a.id, field, value);
    // The rater is filling the form in: a "still to rate" count on screen would be out of date.
    if (this.incompleteNotice && this.s.toast === this.incompleteNotice) this.s = { ...this.s, toast: undefined };
    // Move on to the next field to rate, so a rating is a run of key presses.
    this.moveField(1, true);
  }

  private moveField(delta: number, stopAtComment = false): void {
    const count = this.fields().length;
    if (!count) return;
    const next = Math.max(0, Math.min(count - 1, this.s.focusedField + delta));
    this.revealField = true;
    if (stopAtComment && this.fields()[next]?.kind === 'comment') return this.set({ focusedField: next });
    this.set({ focusedField: next });
    this.persist();
  }

  /**
   * Ctrl+Enter: a complete form is saved; an incomplete one is kept as a draft, and the rater is taken to
   * the first field still to fill and told what is missing, rather than left wondering why nothing was saved.
   */
  private save(rubric: Rubric, a: AnswerView): void {
    const f = this.forms.get(a.id);
    this.forms.saveNow(rubric, a.id);
    const missing = f ? missingFieldIndexes(rubric, f) : [];
    const first = missing[0];
    if (first === undefined) return;
    const fields = this.fields();
    const labels = missing.map((i) => fieldLabel(rubric, fields[i]!));
    const named = labels.length > 3 ? `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more` : labels.join(', ');
    this.revealField = true;
    this.incompleteNotice = `Not saved yet: ${labels.length} still to rate (${named}). Kept as a draft.`;
    this.set({ focusedField: first, toast: this.incompleteNotice });
    this.persist();
  }

  private moveAnswer(delta: number): void {
    const n = this.s.detail?.answers.length ?? 0;
    if (!n) return;
    this.set({ focusedAnswer: Math.max(0, Math.min(n - 1, this.s.focusedAnswer + delta)), focusedField: 0 });
    this.persist();
    this.root.querySelector('.answer.focused')?.scrollIntoView({ block: 'nearest' });
  }

  private async flag(a: AnswerView): Promise<void> {
    try {
      await this.rpc.request(SetFlag, { answerId: a.id, flagged: !a.flaggedByMe });
      if (this.s.detail) await this.select(this.s.detail.id, true);
      await this.list.refresh();
    } catch (err) {
      this.fail(err);
    }
  }

  private async toggleAdjudication(): Promise<void> {
    const on = !this.s.adjudicating;
    const filters = on ? { ...this.list.filters, disagreement: true } : (this.s.reviewFilters ?? {});
    this.set({ adjudicating: on, reviewFilters: on ? this.list.filters : undefined, adjudication: undefined });
    this.list.filters = filters;
    this.persist();
    await this.list.reset(filters);
    const first = this.list.at(0);
    if (this.s.selectedId && this.list.indexOf(this.s.selectedId) >= 0) await this.select(this.s.selectedId, true);
    else if (first) await this.select(first.id);
    else this.set({ detail: undefined });
  }

  // ------------------------------------------------------------------ generation

  /** Regenerates an answer: with the defaults, or after the user chose endpoint, model and template. */
  private async regenerate(a: AnswerView, choose: boolean): Promise<void> {
    try {
      const started = choose
        ? await this.rpc.request(ChooseAndGenerate, { answerId: a.id }, 300_000)
        : await this.rpc.request(StartGeneration, { answerId: a.id });
      if (!started) return;
      this.live.started(started);
      if (started.warnings.length) this.set({ toast: started.warnings.join(' ') });
      this.draw();
      requestAnimationFrame(() => this.root.querySelector(`[data-generation-id="${started.generationId}"]`)?.scrollIntoView({ block: 'nearest' }));
    } catch (err) {
      this.fail(err);
    }
  }

  private async cancelGeneration(generationId?: string): Promise<void> {
    const d = this.s.detail;
    const focused = this.focusedAnswerView();
    const target = generationId ?? (focused && this.live.ofAnswer(focused.id)?.generationId) ?? (d && this.live.ofQuestion(d.id).at(-1)?.generationId);
    if (!target) return;
    try {
      await this.rpc.request(CancelGeneration, { generationId: target });
    } catch (err) {
      this.fail(err);
    }
  }

  /** A batch stored answers: refresh the counts now and then, and the question on screen if it changed. */
  private batchAdvanced(questionId: string | undefined): void {
    // A batch stores answers in the background, for any question: prefetched ones may lack them.
    this.prefetch.clear();
    if (questionId && questionId === this.s.selectedId) void this.select(questionId, true);
    if (this.batchRefresh) return;
    this.batchRefresh = setTimeout(() => {
      this.batchRefresh = undefined;
      void this.list.refresh();
    }, 1000);
  }

  private async generationDone(d: GenerationDone): Promise<void> {
    this.live.done(d);
    this.prefetch.clear();
    const outcome =
      d.status === 'complete' ? undefined
      : d.status === 'cancelled' ? `Generation cancelled${d.answerId ? '; the partial answer is kept, marked incomplete' : ''}.`
      : d.status === 'incomplete' ? 'The stream ended early; the partial answer is kept, marked incomplete.'
      : `Generation failed: ${d.error?.message ?? 'unknown error'}`;
    const hint = d.hint ? ` ${d.hint}` : '';
    if (d.answerId && d.newAnswer !== false) this.fresh.add(d.answerId);
    if (outcome || hint) this.set({ toast: `${outcome ?? ''}${hint}`.trim() });
    if (d.questionId === this.s.selectedId) {
      await this.select(d.questionId, true);
      const stored = d.status === 'complete' && !hint ? this.storedNotice(d) : undefined;
      if (stored) this.set({ toast: stored });
    }
    await this.list.refresh();
  }

  /**
   * Where a finished generation's answer went. It joins the question's answers (usually at the end, out of
   * view under a long question), and the focus stays where the rater is working, so the panel says so.
   */
  private storedNotice(d: GenerationDone): string | undefined {
    if (d.newAnswer === false) return 'The same answer was already stored; nothing new was added.';
    const answers = this.s.detail?.answers ?? [];
    const i = answers.findIndex((a) => a.id === d.answerId);
    return i < 0 ? undefined : `Stored as a new answer: ${answers[i]!.label}, answer ${i + 1} of ${answers.length} (marked "new").`;
  }

  private async prefer(choice: PreferenceChoiceView): Promise<void> {
    const pair = this.s.pair;
    if (!pair || pair.left === pair.right) return;
    this.set({ preferencePending: true });
    try {
      const saved = await this.rpc.request(SavePreference, { ...pair, choice });
      const d = this.s.detail;
      if (d) {
        const others = d.preferences.filter((x) => !samePair(x, pair));
        this.set({ detail: { ...d, preferences: [...others, saved] } });
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.set({ preferencePending: false });
    }
  }

  private async correct(a: AnswerView, value: string | null): Promise<void> {
    try {
      const accuracy = await this.rpc.request(CorrectExtraction, { answerId: a.id, corrected: value });
      const d = this.s.detail;
      if (d) this.set({ correcting: undefined, detail: { ...d, answers: d.answers.map((x) => (x.id === a.id ? { ...x, accuracy } : x)) } });
    } catch (err) {
      this.fail(err);
    }
  }

  private async undo(): Promise<void> {
    try {
      const result = await this.rpc.request(Undo, undefined);
      this.set({ toast: result ? `Undone: ${result.description}` : 'Nothing to undo' });
      await this.list.refresh();
      const target = result?.questionId ?? this.s.detail?.id;
      if (target) {
        this.forms.load([]);
        await this.select(target, true);
      }
    } catch (err) {
      this.fail(err);
    }
  }

  // ------------------------------------------------------------------ keyboard

  private async run(command: PanelCommand, key?: string): Promise<void> {
    // A dialog is modal: a rating key must not change the form hidden behind it.
    if (this.s.overlay && command !== 'showShortcuts' && command !== 'showGuidelines') return;
    const a = this.focusedAnswerView();
    const rubric = this.rubric;
    switch (command) {
      case 'nextQuestion':
        return this.step(1);
      case 'previousQuestion':
        return this.step(-1);
      case 'nextAnswer':
        return this.moveAnswer(1);
      case 'previousAnswer':
        return this.moveAnswer(-1);
      case 'nextField':
        return this.moveField(1);
      case 'previousField':
        return this.moveField(-1);
      case 'choose':
        return key ? this.choose(key) : undefined;
      case 'toggleReasoning':
        if (a) this.toggleReasoning(a.id, !this.s.reasoningOpen.has(a.id));
        return;
      case 'focusComment':
        return this.focusComment();
      case 'save':
        return a && rubric ? this.save(rubric, a) : undefined;
      case 'undo':
        return this.undo();
      case 'flag':
        return a ? this.flag(a) : undefined;
      case 'showShortcuts':
        return this.toggleOverlay('shortcuts');
      case 'showGuidelines':
        return this.toggleOverlay('guidelines');
      case 'preferLeft':
        return this.prefer('left');
      case 'preferRight':
        return this.prefer('right');
      case 'preferTie':
        return this.prefer('tie');
      case 'preferBothBad':
        return this.prefer('both-bad');
      case 'regenerate':
        return a ? this.regenerate(a, false) : undefined;
      case 'cancelGeneration':
        return this.cancelGeneration();
      case 'showSummary':
        return this.summary.open();
    }
  }

  private toggleOverlay(kind: NonNullable<ViewState['overlay']>): void {
    if (this.s.overlay === kind) return this.closeOverlay();
    const active = document.activeElement;
    if (!this.s.overlay) this.focusBeforeOverlay = active instanceof HTMLElement && active !== document.body ? active : undefined;
    this.set({ overlay: kind });
  }

  private closeOverlay(): void {
    this.set({ overlay: undefined });
    const back = this.focusBeforeOverlay;
    this.focusBeforeOverlay = undefined;
    // Focus on the page itself (not a text field), so the review keys work again at once.
    if (back?.isConnected) back.focus();
    else this.root.focus();
  }

  private focusComment(): void {
    const index = this.fields().findIndex((f) => f.kind === 'comment');
    if (index < 0) return;
    this.set({ focusedField: index });
    this.root.querySelector<HTMLTextAreaElement>('.answer.focused textarea.comment')?.focus();
  }

  private toggleReasoning(id: string, open: boolean): void {
    const next = new Set(this.s.reasoningOpen);
    if (open) next.add(id);
    else next.delete(id);
    this.set({ reasoningOpen: next });
  }

  // ------------------------------------------------------------------ plumbing

  private fail(err: unknown): void {
    this.set({ error: err instanceof RpcError ? err.message : err instanceof Error ? err.message : String(err) });
  }

  private persist(): void {
    this.api.setState({
      selectedQuestionId: this.s.selectedId,
      filters: this.list.filters,
      focusedAnswer: this.s.focusedAnswer,
      focusedField: this.s.focusedField,
      scrollTop: this.s.scrollTop,
      adjudicating: this.s.adjudicating,
    });
  }

  private set(patch: Partial<ViewState>): void {
    this.s = { ...this.s, ...patch };
    this.draw();
  }

  /** Renders at most once per frame, however many state changes arrive. */
  private draw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    this.frames.whenOpen(() => this.drawNextFrame());
  }

  private drawNextFrame(): void {
    requestAnimationFrame(() => {
      this.drawQueued = false;
      render(this.view(), this.root);
      this.afterRender();
      const painted = this.paintPending;
      if (painted && this.s.detail?.id === painted) {
        this.paintPending = undefined;
        // The next frame's callback runs once the browser has painted this one.
        requestAnimationFrame(() => perf.painted(painted));
      }
    });
  }

  /** Focus and scrolling that need the drawn page. */
  private afterRender(): void {
    const box = this.root.querySelector<HTMLElement>('.overlay .overlay-box');
    if (box && !box.contains(document.activeElement)) box.focus();
    if (this.revealField) {
      this.revealField = false;
      this.root.querySelector('.answer.focused .field.focused')?.scrollIntoView({ block: 'nearest' });
    }
  }

  private banner(): TemplateResult | typeof nothing {
    const { status, error, toast, rubric } = this.s;
    if (error) {
      return html`<div class="banner error" role="alert">${error}
        <vscode-button secondary @click=${() => void this.rpc.request(ShowLog, undefined)}>Open log</vscode-button>
        <vscode-button secondary @click=${() => this.set({ error: undefined })}>Dismiss</vscode-button></div>`;
    }
    if (!status || status.state === 'loading') return html`<div class="banner" role="status">Loading the review project…</div>`;
    if (status.state === 'error') return html`<div class="banner error" role="alert">${status.message ?? 'Loading failed'}</div>`;
    if (rubric?.problems.length) return html`<div class="banner warning" role="alert">The rubric file has problems; the built-in rubric is used. ${rubric.problems[0]}</div>`;
    if (toast) return html`<div class="banner" role="status">${toast} <vscode-button secondary @click=${() => this.set({ toast: undefined })}>OK</vscode-button></div>`;
    return nothing;
  }

  private overlay(): TemplateResult | typeof nothing {
    const close = (): void => this.closeOverlay();
    if (this.s.overlay === 'shortcuts') return shortcutsOverlay(this.s.shortcuts, close, () => void this.rpc.request(OpenKeybindings, undefined));
    if (this.s.overlay === 'guidelines') return guidelinesOverlay(this.rubric?.title ?? 'Rubric', this.rubric?.instructions, close);
    return nothing;
  }

  private view(): TemplateResult {
    const s = this.s;
    return html`${this.banner()}
      ${toolbar({
        filters: this.list.filters,
        models: this.list.models,
        progress: this.list.progress,
        rougeFilter: this.list.rougeFilter,
        // The study's setting, not the question's: a question revealed after rating must not bring the model filter back.
        blind: this.list.blind || (s.detail?.blind ?? false),
        onFilters: (f) => this.onFilters(f),
        onUndo: () => void this.undo(),
        onShowShortcuts: () => void this.run('showShortcuts'),
        onShowGuidelines: () => void this.run('showGuidelines'),
        adjudicating: s.adjudicating,
        onToggleAdjudication: () => void this.toggleAdjudication(),
        summaryOpen: this.summary.isOpen,
        onToggleSummary: () => void this.summary.toggle(),
        onExport: () => void this.summary.exportReview(),
        onGenerate: () => void this.rpc.request(GenerateForQuestions, { filters: this.list.filters }, 300_000).catch((err: unknown) => this.fail(err)),
      })}
      ${this.summary.isOpen ? this.summary.view() : this.reviewLayout()}
      ${this.overlay()}`;
  }

  private reviewLayout(): TemplateResult {
    const s = this.s;
    const rubric = this.rubric;
    return html`<div class="layout">
        ${questionList({
          list: this.list,
          selectedId: s.selectedId,
          search: this.list.filters.search ?? '',
          rowHeight: this.rowHeightPx(),
          scrollTop: s.scrollTop,
          viewportHeight: s.viewportHeight,
          onSearch: (text) => this.onFilters({ ...this.list.filters, search: text || undefined }),
          onSelect: (id) => void this.select(id),
          onScroll: (scrollTop, viewportHeight) => {
            this.s = { ...this.s, scrollTop, viewportHeight };
            this.persist();
            this.draw();
          },
        })}
        <main class="detail" aria-live="polite">
          ${s.adjudicating && s.detail && s.adjudication && rubric
            ? adjudicationView({
                view: s.adjudication,
                rubric,
                form: (id) => this.consensusForms.get(id),
                onChoose: (id, field, value) => this.consensusForms.choose(rubric, id, field, value),
                onComment: (id, text) => this.consensusForms.comment(rubric, id, text),
                onSave: (id) => this.consensusForms.saveNow(rubric, id),
              })
            : s.detail
            ? questionView(s.detail, {
                rubric,
                form: (id) => this.forms.get(id),
                focusedAnswer: s.focusedAnswer,
                focusedField: s.focusedField,
                reasoningOpen: s.reasoningOpen,
                expanded: s.expanded,
                fresh: this.fresh,
                onExpand: (id) => this.set({ expanded: new Set([...s.expanded, id]) }),
                onToggleReasoning: (id, open) => this.toggleReasoning(id, open),
                onFocusAnswer: (i) => {
                  if (i !== this.s.focusedAnswer) this.set({ focusedAnswer: i, focusedField: 0 });
                },
                onFocusField: (i, field) => this.set({ focusedAnswer: i, focusedField: field }),
                onChoose: (a, field, value) => rubric && this.forms.choose(rubric, a.id, field, value),
                onComment: (a, text) => rubric && this.forms.comment(rubric, a.id, text),
                onSave: (a) => rubric && this.forms.saveNow(rubric, a.id),
                onFlag: (a) => void this.flag(a),
                onCopy: (a) => void this.rpc.request(CopyText, { text: a.answer }),
                onRegenerate: (a, choose) => void this.regenerate(a, choose),
                live: this.live.ofQuestion(s.detail.id),
                onCancelGeneration: (id) => void this.cancelGeneration(id),
                correcting: s.correcting,
                onToggleCorrect: (a) => this.set({ correcting: s.correcting === a.id ? undefined : a.id }),
                onCorrect: (a, value) => void this.correct(a, value),
                preference: {
                  left: s.pair?.left ?? '',
                  right: s.pair?.right ?? '',
                  saved: s.pair ? s.detail.preferences.find((x) => samePair(x, s.pair!)) : undefined,
                  pending: s.preferencePending,
                  onPair: (left, right) => this.set({ pair: { left, right } }),
                  onChoose: (choice) => void this.prefer(choice),
                },
              })
            : html`<p class="empty">${this.list.total === 0 && s.status?.state === 'ready' ? 'No questions match.' : 'Select a question.'}</p>`}
        </main>
      </div>`;
  }
}

/** A preference is about an unordered pair; the same two answers shown the other way round are the same pair. */
function samePair(p: PreferenceView, pair: { left: string; right: string }): boolean {
  return (p.left === pair.left && p.right === pair.right) || (p.left === pair.right && p.right === pair.left);
}

/** The pair to compare: the one chosen before if both answers are still there, else the first two shown. */
function pairFor(d: QuestionDetail, previous: { left: string; right: string } | undefined): { left: string; right: string } | undefined {
  const ids = d.answers.map((a) => a.id);
  if (previous && ids.includes(previous.left) && ids.includes(previous.right)) return previous;
  return ids.length >= 2 ? { left: ids[0]!, right: ids[1]! } : undefined;
}
