/**
 * code-server with the packaged extension, Debian's Chromium, and the review panel open on the benchmark's
 * workspace: the same parts the end-to-end tests use (test/e2e/support), started outside mocha.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { ReviewPanelPage } from '../../test/e2e/pages/reviewPanel';
import { WorkbenchPage } from '../../test/e2e/pages/workbench';
import { launchBrowser } from '../../test/e2e/support/browser';
import { CodeServer } from '../../test/e2e/support/codeServer';
import { packagedExtension } from '../../test/e2e/support/extensionPackage';
import { codeServerBin } from '../../test/e2e/support/paths';

export const DATABASE_IN_WORKSPACE = join('review', 'bench.sqlite');
export const RATER = 'bench-physician';

/** A workspace with no datasets to import and the review database at DATABASE_IN_WORKSPACE. */
export function benchWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medreview-panel-bench-'));
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  mkdirSync(join(dir, 'review'), { recursive: true });
  const settings = { 'medreview.datasets': [], 'medreview.database.path': DATABASE_IN_WORKSPACE, 'medreview.rater.id': RATER };
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  return dir;
}

/** The packaged .vsix, checked to carry the panel's timing marks (an older package has none to read). */
function vsixWithMarks(): string {
  const vsix = packagedExtension();
  const webview = execFileSync('unzip', ['-p', vsix, 'extension/dist/webview.js'], { maxBuffer: 64 * 2 ** 20 }).toString('utf8');
  if (!webview.includes('mr:painted')) throw new Error(`${vsix} predates the panel timing marks: package again (unset MEDREVIEW_E2E_REUSE_VSIX)`);
  return vsix;
}

export interface Versions {
  codeServer: string;
  browser: string;
}

export class PanelSession {
  private constructor(
    private readonly codeServer: CodeServer,
    readonly browser: Browser,
    private readonly context: BrowserContext,
    readonly page: Page,
    readonly panel: ReviewPanelPage,
    /** The panel's own page (the webview's inner frame), where the timing marks are. */
    readonly frame: Frame,
    readonly versions: Versions,
  ) {}

  static async open(workspace: string, viewport = { width: 1440, height: 900 }): Promise<PanelSession> {
    const codeServer = await CodeServer.start({ vsix: vsixWithMarks() });
    const browser = await launchBrowser();
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const workbench = new WorkbenchPage(page);
    await workbench.open(codeServer.folderUrl(workspace));
    const panel = await workbench.openReviewPanel();
    const frame = await panelFrame(page);
    const versions = { codeServer: execFileSync(codeServerBin, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0] ?? '', browser: browser.version() };
    return new PanelSession(codeServer, browser, context, page, panel, frame, versions);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await this.codeServer.stop();
  }
}

/** VS Code puts a webview two iframes deep: the host frame, then `#active-frame` with the page. */
async function panelFrame(page: Page): Promise<Frame> {
  const host = await (await page.locator('iframe.webview.ready').first().elementHandle())?.contentFrame();
  if (!host) throw new Error('the review panel has no webview frame');
  const inner = await (await host.locator('#active-frame').elementHandle())?.contentFrame();
  if (!inner) throw new Error('the review panel webview has no active frame');
  return inner;
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
