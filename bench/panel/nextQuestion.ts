/**
 * Next question: `j` pressed in the panel (VS Code resolves it to `medreview.review.key` and the extension
 * tells the page), timed from the page's keydown and from the panel's `mr:selected` of the step to its
 * `mr:painted`. The warm-up steps are not counted.
 */
import { timedSelection, type PaintSample } from './firstPaint';
import type { PanelSession } from './panelSession';
import { longTasksSince, pageNow, probeMarks } from './pageProbes';
import { summarise, type Summary } from './stats';

export interface StepSample extends Omit<PaintSample, 'answers'> {
  /** Keydown of `j` in the page to mr:painted. */
  fromKeyMs: number;
  /** Keydown to mr:selected: the keybinding's trip through the workbench and the extension host. */
  keyToSelectedMs: number;
}

export interface StepFigures {
  selectedToPainted: Summary;
  keyToPainted: Summary;
  keyToSelected: Summary;
  roundTrip: Summary;
  render: Summary;
  /** Steps during which question-list pages arrived. */
  withListTraffic: number;
  longTasksOver50ms: number;
  longestTaskMs: number;
  samples: StepSample[];
}

async function selectedId(s: PanelSession): Promise<string> {
  return (await s.panel.selectedQuestionId()) ?? '';
}

/** One `j`: waits for the next question's paint and reads its marks. */
async function step(s: PanelSession): Promise<StepSample> {
  const before = await selectedId(s);
  const keyMarksBefore = await s.frame.evaluate((n) => performance.getEntriesByName(n, 'mark').length, probeMarks.keydown('j'));
  await s.panel.press('j');
  await s.panel.frame.locator(`.question-list li.selected:not([data-question-id="${before}"])`).waitFor();
  const id = await selectedId(s);
  const timed = await timedSelection(s, id);
  const [key, selected] = await s.frame.evaluate(
    ([k, n, sel]) => [performance.getEntriesByName(k, 'mark')[n]?.startTime ?? NaN, performance.getEntriesByName(sel, 'mark').at(-1)?.startTime ?? NaN],
    [probeMarks.keydown('j'), keyMarksBefore, `mr:selected:${id}`] as const,
  );
  return { ...timed, fromKeyMs: timed.totalMs + (selected - key), keyToSelectedMs: selected - key };
}

export async function measureNextQuestion(s: PanelSession, warmUp: number, steps: number): Promise<StepFigures> {
  await s.panel.focusPage();
  for (let i = 0; i < warmUp; i++) await step(s);
  const from = await pageNow(s.frame);
  const samples: StepSample[] = [];
  for (let i = 0; i < steps; i++) samples.push(await step(s));
  const tasks = await longTasksSince(s.frame, from);
  return {
    selectedToPainted: summarise(samples.map((x) => x.totalMs)),
    keyToPainted: summarise(samples.map((x) => x.fromKeyMs)),
    keyToSelected: summarise(samples.map((x) => x.keyToSelectedMs)),
    roundTrip: summarise(samples.map((x) => x.roundTripMs)),
    render: summarise(samples.map((x) => x.renderMs)),
    withListTraffic: samples.filter((x) => x.listPages > 0).length,
    ...tasks,
    samples,
  };
}
