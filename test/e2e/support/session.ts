import { join } from 'node:path';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { WorkbenchPage } from '../pages/workbench';
import { e2e } from './hooks';
import { openSessions } from './openSessions';
import { resultsDir } from './paths';
import { copyOfSampleWorkspace } from './workspace';

/**
 * Whether a request stays inside this code-server: its own origin, inline data, or a webview resource.
 * Webview resources use `*.vscode-resource.vscode-cdn.net` URLs that VS Code's service worker answers from
 * the extension's own folder; they never reach the network.
 */
function isLocalToCodeServer(url: string): boolean {
  if (url.startsWith(new URL(e2e().codeServer.url).origin) || url.startsWith('data:') || url.startsWith('blob:')) return true;
  const u = new URL(url);
  return u.hostname.endsWith('.vscode-resource.vscode-cdn.net') && u.pathname.includes('/extensions/');
}

/**
 * One user session: a fresh browser context on a fresh copy of the sample workspace. Collects the
 * console errors raised inside webviews, where a Content-Security-Policy violation would show up.
 */
export class Session {
  readonly webviewErrors: string[] = [];
  /** Every URL the page asked for that is not code-server's own (remote or other local hosts). */
  readonly foreignRequests: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly workbench: WorkbenchPage,
    readonly workspace: string,
  ) {
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && m.location().url.includes('/webview/')) this.webviewErrors.push(m.text());
    });
    page.on('request', (r) => {
      if (!isLocalToCodeServer(r.url())) this.foreignRequests.push(r.url());
    });
  }

  /** A session on a fresh copy of the sample workspace, or on the given folder. */
  static async open(options: SessionOptions = {}): Promise<Session> {
    const { browser, codeServer } = e2e();
    const workspace = options.workspace ?? copyOfSampleWorkspace(options.settings);
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, deviceScaleFactor: options.deviceScaleFactor ?? 1 });
    const page = await context.newPage();
    const session = new Session(context, page, new WorkbenchPage(page), workspace);
    openSessions.add(session);
    await session.workbench.open(codeServer.folderUrl(workspace));
    return session;
  }

  async screenshot(name: string): Promise<string> {
    const path = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    openSessions.delete(this);
    await this.context.close();
  }
}

export interface SessionOptions {
  settings?: Record<string, unknown>;
  workspace?: string;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
}

/** One session for a whole suite: opened before its first test (handed to `onOpened`), closed after its last. */
export function useSuiteSession(onOpened: (session: Session) => void, options: SessionOptions = {}): void {
  let session: Session | undefined;
  before(async () => {
    session = await Session.open(options);
    onOpened(session);
  });
  after(async () => {
    await session?.close();
  });
}
