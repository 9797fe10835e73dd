/**
 * Makes sure the benchmark times the real thing: the question on screen has its six long answers, each
 * with its Markdown rendered (headings, a list and a table) and its reasoning block, and a picture of it
 * is kept for a person to look at.
 */
import { RICH_MODELS } from './reviewDatabase';
import type { PanelSession } from './panelSession';

export interface PaintedCheck {
  answers: number;
  tables: number;
  listItems: number;
  reasoningBlocks: number;
  screenshot: string;
}

export async function checkPainted(s: PanelSession, screenshot: string): Promise<PaintedCheck> {
  const answers = s.panel.answers();
  const found = {
    answers: await answers.count(),
    tables: await answers.locator('table').count(),
    listItems: await answers.locator('li').count(),
    reasoningBlocks: await answers.locator('details, .reasoning').count(),
  };
  await s.page.screenshot({ path: screenshot });
  const expected = RICH_MODELS.length;
  if (found.answers !== expected || found.tables < expected) {
    throw new Error(`the panel shows ${found.answers} answers with ${found.tables} rendered tables, expected ${expected} of each (see ${screenshot})`);
  }
  return { ...found, screenshot };
}
