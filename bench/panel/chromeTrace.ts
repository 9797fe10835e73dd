/**
 * A Chrome performance trace of part of the run (Chromium's own tracing through Playwright), to see where
 * the time of a slow paint or key press goes: scripting, style, layout, paint, or waiting on the host.
 */
import { writeFileSync } from 'node:fs';
import type { PanelSession } from './panelSession';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'toplevel'];

export async function startTrace(s: PanelSession): Promise<void> {
  await s.browser.startTracing(s.page, { categories: CATEGORIES, screenshots: false });
}

export async function stopTrace(s: PanelSession, path: string): Promise<string> {
  const buffer = await s.browser.stopTracing();
  writeFileSync(path, buffer);
  return path;
}
