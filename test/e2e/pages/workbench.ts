import type { Page } from 'playwright-core';
import { ReviewPanelPage } from './reviewPanel';

/** The VS Code workbench in the browser: command palette, activity bar, notifications, reload. */
export class WorkbenchPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The status bar is drawn last; the MedReview activity-bar entry may sit in the overflow menu on a small
    // screen, and the command palette waits for our commands anyway.
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  }

  activityBarItem(name: string) {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${name}"]`).first();
  }

  /**
   * Runs a command by its palette title, exactly as a user would. Right after start-up the workbench may not
   * have read the extension's contributions yet, so the palette is asked again until the command is listed.
   */
  async runCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const listed = await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      if (listed) break;
      if (Date.now() > deadline) throw new Error(`the command palette never listed '${title}'`);
      await input.press('Escape');
    }
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  async openReviewPanel(): Promise<ReviewPanelPage> {
    await this.runCommand('MedReview: Open Review Panel');
    return this.reviewPanel();
  }

  /** The review panel that is already open (for example restored after a reload). */
  async reviewPanel(): Promise<ReviewPanelPage> {
    const panel = new ReviewPanelPage(this.page);
    await panel.waitUntilLoaded();
    return panel;
  }

  async reloadWindow(): Promise<void> {
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (f) => f === this.page.mainFrame() });
    await this.runCommand('Developer: Reload Window');
    await navigated;
    await this.waitUntilReady();
  }

  /** The MedReview view container in the side bar (its only view's header is hidden by VS Code). */
  medReviewViewContainer() {
    return this.page.locator('[id="workbench.view.extension.medreview"]');
  }

  async showMedReviewView(): Promise<void> {
    if (!(await this.medReviewViewContainer().isVisible())) await this.activityBarItem('MedReview').click();
    await this.medReviewViewContainer().waitFor({ state: 'visible' });
  }

  /** A row of the MedReview activity-bar view, by its label text. */
  overviewRow(text: string | RegExp) {
    return this.medReviewViewContainer().locator('.monaco-list-row', { hasText: text }).first();
  }

  /** Opens a top-level workspace file from the Explorer, as a user would. */
  async openFile(name: string): Promise<void> {
    await this.runCommand('View: Show Explorer');
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor();
    await row.dblclick();
    await this.editorTab(name).waitFor();
  }

  /** The Problems panel's rows, opened through its command. */
  async problems() {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    return this.page.locator('.markers-panel .monaco-list-row');
  }

  codeLens(text: string) {
    return this.page.locator('.contentWidgets .codelens-decoration a, .codelens-decoration a', { hasText: text }).first();
  }

  editorTab(title: string) {
    return this.page.locator('.tabs-container .tab', { hasText: title }).first();
  }

  quickInput() {
    return this.page.locator('.quick-input-widget input.input');
  }

  /** Picks the quick-pick row whose text contains `label` (typed as a filter, then Enter). */
  async pickQuickItem(label: string): Promise<void> {
    const input = this.quickInput();
    await input.waitFor({ state: 'visible' });
    await input.fill(label);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible' });
    await input.press('Enter');
  }

  /** Accepts a multi-select quick pick as it is (no option ticked), as Enter does. */
  async acceptQuickPick(title: string): Promise<void> {
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
    await this.quickInput().press('Enter');
  }

  /** Answers VS Code's save dialog (the quick-input one a browser workbench shows) with an absolute path. */
  async answerSaveDialog(path: string, suggested: string): Promise<void> {
    // The dialog shows its default path once it has read the folder; typing earlier would be overwritten.
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export to' }).waitFor({ state: 'visible' });
    await this.page.waitForFunction(
      (name) => ((globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('.quick-input-widget input.input')?.value ?? '').endsWith(`/${name}`),
      suggested,
    );
    await this.enterPath(path);
  }

  /** Answers VS Code's open dialog (the quick-input one a browser workbench shows) with an existing file's path. */
  async answerOpenDialog(title: string, path: string): Promise<void> {
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
    // The dialog fills in the folder it starts in once it has read it; typing earlier would be overwritten.
    await this.page.waitForFunction(() =>
      ((globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('.quick-input-widget input.input')?.value ?? '').endsWith('/'),
    );
    await this.enterPath(path);
  }

  /**
   * Types a path into the file dialog and accepts it. The dialog drops an Enter that comes while it is still
   * reading the folder the typed text points into (seen once in CI: the dialog stayed open), so Enter is
   * pressed again while the dialog still shows exactly this path, until it closes.
   */
  private async enterPath(path: string): Promise<void> {
    const input = this.quickInput();
    await input.fill(path);
    for (let attempt = 1; ; attempt++) {
      await input.press('Enter');
      const closed = await input.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false);
      if (closed) return;
      if (attempt === 6 || (await input.inputValue()) !== path) throw new Error(`the file dialog did not take ${path} (it shows ${await input.inputValue()})`);
    }
  }

  /** A notification toast whose message contains `text`. */
  notification(text: string | RegExp) {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  }
}
