import type { FrameLocator, Page } from 'playwright-core';

/**
 * The MedReview review panel. VS Code puts a webview two iframes deep: the host frame, then the
 * `active-frame` that holds the page.
 */
export class ReviewPanelPage {
  readonly frame: FrameLocator;

  constructor(private readonly page: Page) {
    this.frame = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  }

  async waitUntilLoaded(): Promise<void> {
    await this.frame.locator('#app .layout').waitFor({ state: 'visible', timeout: 60_000 });
  }

  questionItems() {
    return this.frame.locator('.question-list li[role="option"]');
  }

  async waitForQuestionCount(n: number): Promise<void> {
    await this.frame.locator('.list-count', { hasText: new RegExp(`^\\s*${n} questions?\\s*$`) }).waitFor({ state: 'visible', timeout: 60_000 });
  }

  async selectQuestion(index: number): Promise<string> {
    const item = this.questionItems().nth(index);
    const id = await item.getAttribute('data-question-id');
    await item.click();
    await this.frame.locator(`.question-list li.selected[data-question-id="${id ?? ''}"]`).waitFor();
    return id ?? '';
  }

  /** The ids of the listed questions, in list order. */
  async questionIds(): Promise<string[]> {
    const items = this.questionItems();
    const n = await items.count();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await items.nth(i).getAttribute('data-question-id')) ?? '');
    return ids;
  }

  async selectedQuestionId(): Promise<string | null> {
    return this.frame.locator('.question-list li.selected').getAttribute('data-question-id');
  }

  /** Waits until the list's selection is the question with this id. */
  async waitForSelected(id: string): Promise<void> {
    await this.frame.locator(`.question-list li.selected[data-question-id="${id}"]`).waitFor();
  }

  /** Puts keyboard focus on the panel's page (not on a text field), as a click on the question does. */
  async focusPage(): Promise<void> {
    await this.questionText().click();
  }

  /** Presses a key while focus is in the panel: VS Code resolves it against its keybindings. */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  questionText() {
    return this.frame.locator('.question-text');
  }

  answers() {
    return this.frame.locator('.answers .answer');
  }

  answerByModel(model: string) {
    return this.frame.locator('.answers .answer', { has: this.frame.locator('.model', { hasText: model }) });
  }

  /** The save state of an answer's rating form: empty, draft, saving, saved or error. */
  async saveStatus(answerIndex: number): Promise<string | null> {
    return this.answers().nth(answerIndex).locator('.save-status').getAttribute('data-status');
  }

  async waitForSaved(answerIndex: number): Promise<void> {
    await this.answers().nth(answerIndex).locator('.save-status[data-status="saved"]').waitFor({ timeout: 30_000 });
  }

  answerLabels(): Promise<string[]> {
    return this.answers().locator('.model').allTextContents();
  }

  /** Types text where the keyboard focus is (a comment field). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Presses keys one after another, as a rater does. */
  async pressAll(keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  modelFilter() {
    return this.frame.locator('.toolbar select[aria-label="Model"]');
  }

  rougeFilter() {
    return this.frame.locator('.toolbar select[aria-label="Low ROUGE"]');
  }

  /** Waits until the list no longer shows `n` questions and the host has scored every answer it filters on; returns the new count. */
  async waitForQuestionCountOtherThan(n: number): Promise<number> {
    const count = this.frame.locator('.list-count').filter({ hasNotText: new RegExp(`^\\s*${n} questions?\\s*$`) });
    await count.waitFor({ state: 'visible', timeout: 60_000 });
    await this.frame.locator('.toolbar .scoring').waitFor({ state: 'detached', timeout: 60_000 });
    return Number(/\d+/.exec((await this.frame.locator('.list-count').textContent()) ?? '')?.[0] ?? NaN);
  }

  /** The F-measures of the answers' ROUGE chips of one metric (from their tooltips, three decimals). */
  async rougeOfAnswers(metric: string): Promise<number[]> {
    const chips = this.frame.locator(`.answers .answer .rouge[data-what="answer"] .rouge-chip[data-metric="${metric}"]`);
    const titles: string[] = [];
    for (let i = 0, n = await chips.count(); i < n; i++) titles.push((await chips.nth(i).getAttribute('title')) ?? '');
    return titles.map((t) => Number(/\bF (\d+(?:\.\d+)?)/.exec(t)?.[1] ?? NaN));
  }

  liveCards() {
    return this.frame.locator('.answers .answer.live');
  }

  toast() {
    return this.frame.locator('.banner');
  }

  filterButton(label: string) {
    return this.frame.locator('.toolbar .filter', { hasText: label });
  }

  banner() {
    return this.frame.locator('.banner');
  }

  searchField() {
    return this.frame.locator('input.search');
  }

  async search(text: string): Promise<void> {
    await this.searchField().fill(text);
  }

  toolbarButton(label: string) {
    return this.frame.locator('.toolbar vscode-button', { hasText: label }).first();
  }

  summaryPage() {
    return this.frame.locator('main.summary-page');
  }

  /** The summary's table of one kind (`data-table`), once it is drawn. */
  summaryTable(id: string) {
    return this.frame.locator(`.summary-table-wrap[data-table="${id}"] table`);
  }

  summaryButton(label: string) {
    return this.frame.locator('.summary-toolbar vscode-button', { hasText: label }).first();
  }
}
