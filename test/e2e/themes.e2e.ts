import { strict as assert } from 'node:assert';
import { Session } from './support/session';

/**
 * Issue 8: a native look in every theme and a panel usable at 200% zoom. Colours come from VS Code's theme
 * variables; these tests render the panel in the dark and high-contrast themes and at twice the size, check
 * the theme reached the page and that the answers stack instead of overflowing, and keep screenshots.
 */
async function panelIn(settings: Record<string, unknown>, viewport?: { width: number; height: number }, deviceScaleFactor?: number) {
  const session = await Session.open({ settings, viewport, deviceScaleFactor });
  const panel = await session.workbench.openReviewPanel();
  await panel.selectQuestion(0);
  await panel.answers().nth(1).waitFor();
  return { session, panel };
}

/** The panel page's computed background colour, as [r, g, b]. */
async function background(panel: Awaited<ReturnType<typeof panelIn>>['panel']): Promise<number[]> {
  const css = await panel.frame.locator('body').evaluate((b: unknown) => {
    const el = b as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } };
    return el.ownerDocument.defaultView.getComputedStyle(b).backgroundColor;
  });
  return (css.match(/\d+/g) ?? []).slice(0, 3).map(Number);
}

describe('themes and zoom', function () {
  it('follows a dark theme', async () => {
    const { session, panel } = await panelIn({ 'workbench.colorTheme': 'Default Dark Modern' });
    try {
      const [r, g, b] = await background(panel);
      assert.ok(r! + g! + b! < 200, `dark background expected, got ${[r, g, b].join(',')}`);
      await session.screenshot('theme-dark');
    } finally {
      await session.close();
    }
  });

  it('follows the high-contrast theme', async () => {
    const { session, panel } = await panelIn({ 'workbench.colorTheme': 'Default High Contrast' });
    try {
      assert.deepEqual(await background(panel), [0, 0, 0]);
      const border = await panel.answers().first().evaluate((e: unknown) => {
        const el = e as { ownerDocument: { defaultView: { getComputedStyle(x: unknown): { borderTopStyle: string } } } };
        return el.ownerDocument.defaultView.getComputedStyle(e).borderTopStyle;
      });
      assert.equal(border, 'solid', 'answer cards keep a visible border');
      await session.screenshot('theme-high-contrast');
    } finally {
      await session.close();
    }
  });

  it('stacks the answers and keeps everything reachable at 200% zoom', async () => {
    // A 200% browser zoom halves the CSS pixels across the same screen: 720 CSS px at a device scale of 2.
    const { session, panel } = await panelIn({}, { width: 720, height: 450 }, 2);
    try {
      const first = await panel.answers().nth(0).boundingBox();
      const second = await panel.answers().nth(1).boundingBox();
      assert.ok(first && second && second.y > first.y + first.height - 1, 'answers are stacked, one under the other');
      const overflow = await panel.frame.locator('.detail').evaluate((d: unknown) => {
        const el = d as { scrollWidth: number; clientWidth: number };
        return el.scrollWidth - el.clientWidth;
      });
      assert.ok(overflow <= 1, `no sideways scrolling in the question view (${overflow}px)`);
      await session.screenshot('zoom-200');
    } finally {
      await session.close();
    }
  });
});
