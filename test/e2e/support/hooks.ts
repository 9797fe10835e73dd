import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { CodeServer } from './codeServer';
import { openSessions } from './openSessions';
import { packagedExtension } from './extensionPackage';
import { resultsDir } from './paths';

interface E2EContext {
  codeServer: CodeServer;
  browser: Browser;
}

let context: E2EContext | undefined;

/** The code-server and browser shared by all end-to-end specs (started once: both take seconds). */
export function e2e(): E2EContext {
  if (!context) throw new Error('the e2e root hooks have not run');
  return context;
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(300_000);
    mkdirSync(resultsDir, { recursive: true });
    const vsix = packagedExtension();
    const codeServer = await CodeServer.start({ vsix });
    const browser = await launchBrowser();
    context = { codeServer, browser };
  },
  /** A failing test leaves a picture of every open session in test-results/, in CI too. */
  async afterEach(this: Mocha.Context): Promise<void> {
    if (this.currentTest?.state !== 'failed') return;
    const name = `failed-${this.currentTest.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}`;
    let i = 0;
    for (const s of openSessions) await s.screenshot(`${name}${i++ ? `-${i}` : ''}`).catch(() => undefined);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await context?.browser.close();
    await context?.codeServer.stop();
    context = undefined;
  },
};
