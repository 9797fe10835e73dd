/**
 * First paint: a click on a question's row, cold (each question opened for the first time), timed in the
 * page from the panel's `mr:selected:<id>` to its `mr:painted:<id>`, split at the arrival of the question's
 * data (`bench:detail:<id>`) into the round trip to the server and the page's own render and paint.
 */
import type { PanelSession } from './panelSession';
import { longTasksSince, pageNow, probeMarks, waitForMark, type PageGlobal } from './pageProbes';
import { summarise, type Summary } from './stats';

export interface PaintSample {
  questionId: string;
  answers: number;
  /** mr:selected to mr:painted. */
  totalMs: number;
  /** mr:selected to the question's data arriving in the page. */
  roundTripMs: number;
  /** Data arrived to mr:painted: render, layout, paint, and the frame boundary. */
  renderMs: number;
  /** Question-list pages that arrived meanwhile (the host answered them too). */
  listPages: number;
}

export interface PaintFigures {
  total: Summary;
  roundTrip: Summary;
  render: Summary;
  /** Selections during which question-list pages arrived. */
  withListTraffic: number;
  longTasksOver50ms: number;
  longestTaskMs: number;
  samples: PaintSample[];
}

/** Brings row `index` into the list's viewport (not timed), so it can be clicked like a user would. */
export async function scrollRowIntoView(s: PanelSession, index: number): Promise<void> {
  await s.frame.evaluate((i) => {
    const { document } = globalThis as unknown as PageGlobal;
    const viewport = document.querySelector('.list-viewport');
    const row = document.querySelector('.list-spacer li');
    if (!viewport || !row) return;
    const top = i * row.offsetHeight;
    if (top < viewport.scrollTop || top + row.offsetHeight > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = Math.max(0, top - viewport.clientHeight / 2);
  }, index);
  await s.panel.frame.locator(`.question-list li[data-index="${index}"][data-question-id]`).waitFor();
}

/** Marks of one selection, once its paint is marked. */
export async function timedSelection(s: PanelSession, questionId: string): Promise<Omit<PaintSample, 'answers'>> {
  const painted = await waitForMark(s.frame, `mr:painted:${questionId}`);
  const [selected, detail, listPages] = await s.frame.evaluate(
    ([sel, det, list, end]) => {
      const from = performance.getEntriesByName(sel, 'mark').at(-1)?.startTime ?? NaN;
      const pages = performance.getEntriesByName(list, 'mark').filter((m) => m.startTime >= from && m.startTime <= end).length;
      return [from, performance.getEntriesByName(det, 'mark').at(-1)?.startTime ?? NaN, pages];
    },
    [`mr:selected:${questionId}`, probeMarks.detail(questionId), probeMarks.listPage, painted] as const,
  );
  return { questionId, totalMs: painted - selected, roundTripMs: detail - selected, renderMs: painted - detail, listPages };
}

export async function measureFirstPaint(s: PanelSession, rowIndices: readonly number[]): Promise<PaintFigures> {
  const samples: PaintSample[] = [];
  const from = await pageNow(s.frame);
  for (const index of rowIndices) {
    await scrollRowIntoView(s, index);
    const row = s.panel.frame.locator(`.question-list li[data-index="${index}"]`);
    const id = (await row.getAttribute('data-question-id')) ?? '';
    await row.click();
    const timed = await timedSelection(s, id);
    samples.push({ ...timed, answers: await s.panel.answers().count() });
  }
  const tasks = await longTasksSince(s.frame, from);
  return {
    total: summarise(samples.map((x) => x.totalMs)),
    roundTrip: summarise(samples.map((x) => x.roundTripMs)),
    render: summarise(samples.map((x) => x.renderMs)),
    withListTraffic: samples.filter((x) => x.listPages > 0).length,
    ...tasks,
    samples,
  };
}
