/**
 * Issue 8's speed goals, measured in the real browser: code-server with the packaged extension, Debian's
 * Chromium, and the review panel on a review database of 100,000 questions. Timings are read from the
 * panel's own `performance` marks (webview/perfMarks.ts) and from probes the benchmark adds to the page.
 *
 * Size: MEDREVIEW_PANEL_BENCH=quick runs a small version (2,000 questions, few samples) for iteration;
 * unset, it runs the full one. MEDREVIEW_PANEL_BENCH_TRACE=1 also records a Chrome trace of the first
 * paints and key presses into test-results/ (it slows the page, so its run's figures are not the ones to quote).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureFirstPaint, scrollRowIntoView } from './panel/firstPaint';
import { measureListScroll } from './panel/listScroll';
import { loadSnapshot } from './panel/machineLoad';
import { measureNextQuestion } from './panel/nextQuestion';
import { installProbes } from './panel/pageProbes';
import { benchWorkspace, DATABASE_IN_WORKSPACE, PanelSession, removeWorkspace } from './panel/panelSession';
import { measureRatingAck, nextQuestion as moveToNextQuestion } from './panel/ratingAck';
import { reviewDatabaseAt } from './panel/reviewDatabase';
import { breakdown } from './panel/traceBreakdown';
import { measureStore } from './panel/storeTimings';
import { startTrace, stopTrace } from './panel/chromeTrace';
import { checkPainted } from './panel/paintedCheck';

interface BenchSize {
  questions: number;
  firstPaints: number;
  warmUpSteps: number;
  steps: number;
  ratedQuestions: number;
  framesPerPattern: number;
}

const SIZES: Record<'quick' | 'full', BenchSize> = {
  quick: { questions: 2_000, firstPaints: 5, warmUpSteps: 2, steps: 8, ratedQuestions: 2, framesPerPattern: 60 },
  full: { questions: 100_000, firstPaints: 20, warmUpSteps: 5, steps: 30, ratedQuestions: 36, framesPerPattern: 300 },
};

const GOALS = { firstPaintMs: 100, nextQuestionMs: 50, keyToAckedP99Ms: 30, frameMs: 16.7 };
const screenshots = resolve(__dirname, '..', 'test-results');

function sizeFromEnv(): { name: string; size: BenchSize } {
  const name = process.env.MEDREVIEW_PANEL_BENCH === 'quick' ? 'quick' : 'full';
  return { name, size: SIZES[name] };
}

/** Every timed phase, in order, on one open panel; each phase opens questions no earlier phase opened. */
async function measurePhases(session: PanelSession, size: BenchSize, trace: boolean): Promise<Record<string, unknown>> {
  await session.panel.waitForQuestionCount(size.questions);
  await installProbes(session.frame);
  if (trace) await startTrace(session);
  // Every other row: the panel fetches the questions next to the one shown ahead of time (for j and k), so a
  // row next to the last one clicked would not be a cold first paint.
  const rows = Array.from({ length: size.firstPaints }, (_, i) => 2 * i + 1);
  const firstPaint = await measureFirstPaint(session, rows);
  const painted = await checkPainted(session, join(screenshots, 'panel-bench-first-paint.png'));
  const notSix = firstPaint.samples.filter((x) => x.answers !== painted.answers);
  if (notSix.length) throw new Error(`first paint timed questions without six answers: ${notSix.map((x) => x.questionId).join(', ')}`);
  const nextQuestion = await measureNextQuestion(session, size.warmUpSteps, size.steps);
  const ratingAck = await measureRatingAck(session, { questions: size.ratedQuestions });
  await session.page.screenshot({ path: join(screenshots, 'panel-bench-rated.png') });
  const traceFile = trace ? await stopTrace(session, join(screenshots, 'panel-bench-trace.json')) : undefined;
  const lastRated = Number(await session.panel.frame.locator('.question-list li.selected').getAttribute('data-index'));
  const listScroll = await measureListScroll(session, size.framesPerPattern);
  await session.page.screenshot({ path: join(screenshots, 'panel-bench-scrolled.png') });
  // A rater who scrolled the list, then rates: the host may still be answering the pages scrolled past, and
  // (before webview/listModel.ts kept to the pages on screen) every page loaded was reloaded after each save.
  await scrollRowIntoView(session, lastRated);
  await moveToNextQuestion(session);
  const ratingAfterScroll = await measureRatingAck(session, { questions: 1, answersPerQuestion: 3, timeoutMs: 60_000 });
  return {
    versions: { ...session.versions, node: process.version },
    painted,
    firstPaint: { ...firstPaint, samples: undefined },
    nextQuestion: { ...nextQuestion, samples: undefined },
    ratingAck,
    listScroll,
    ratingAfterScroll,
    selectToPaintTrace: traceFile ? breakdown(traceFile, 'mr:selected:', 'mr:painted:') : undefined,
  };
}

export default async function panelBench(): Promise<Record<string, unknown>> {
  const { name, size } = sizeFromEnv();
  const trace = process.env.MEDREVIEW_PANEL_BENCH_TRACE === '1';
  // Question 0 is opened by the panel at start; then each phase works on questions no phase opened before.
  const richQuestions = 1 + 2 * size.firstPaints + size.warmUpSteps + size.steps + size.ratedQuestions + 2;
  mkdirSync(screenshots, { recursive: true });
  const workspace = benchWorkspace();
  try {
    const loadBefore = loadSnapshot();
    const databasePath = join(workspace, DATABASE_IN_WORKSPACE);
    const cache = join(tmpdir(), 'medreview-panel-bench-cache');
    const database = await reviewDatabaseAt(databasePath, cache, { questions: size.questions, richQuestions, richAnswerChars: 4_000 });
    const store = await measureStore(databasePath, `${databasePath}.scratch`, size.firstPaints);
    const session = await PanelSession.open(workspace);
    try {
      const phases = await measurePhases(session, size, trace);
      return { size: name, goals: GOALS, database, ...phases, store, load: { before: loadBefore, after: loadSnapshot() } };
    } finally {
      await session.close();
    }
  } finally {
    removeWorkspace(workspace);
  }
}
