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
    await this.frame.locator('.list-count', { hasText: new RegExp(`^\\s*${n} of ${n}\\s*$`) }).waitFor({ state: 'visible', timeout: 60_000 });
  }

  async selectQuestion(index: number): Promise<string> {
    const item = this.questionItems().nth(index);
    const id = await item.getAttribute('data-question-id');
    await item.click();
    await this.frame.locator(`.question-list li.selected[data-question-id="${id ?? ''}"]`).waitFor();
    return id ?? '';
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

  banner() {
    return this.frame.locator('.banner');
  }

  async search(text: string): Promise<void> {
    await this.frame.locator('vscode-textfield.search input').fill(text);
  }
}
