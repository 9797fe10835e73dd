import { join } from 'node:path';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { WorkbenchPage } from '../pages/workbench';
import { e2e } from './hooks';
import { resultsDir } from './paths';
import { copyOfSampleWorkspace } from './workspace';

/**
 * One user session: a fresh browser context on a fresh copy of the sample workspace. Collects the
 * console errors raised inside webviews, where a Content-Security-Policy violation would show up.
 */
export class Session {
  readonly webviewErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly workbench: WorkbenchPage,
    readonly workspace: string,
  ) {
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && m.location().url.includes('/webview/')) this.webviewErrors.push(m.text());
    });
  }

  static async open(settings: Record<string, unknown> = {}): Promise<Session> {
    const { browser, codeServer } = e2e();
    const workspace = copyOfSampleWorkspace(settings);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const session = new Session(context, page, new WorkbenchPage(page), workspace);
    await session.workbench.open(codeServer.folderUrl(workspace));
    return session;
  }

  async screenshot(name: string): Promise<string> {
    const path = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
