/**
 * What the benchmark puts into the panel's page (through Playwright's `evaluate`, never through the
 * extension): a keydown listener and a message listener that leave `performance` marks beside the panel's
 * own `mr:*` marks, a long-task observer, and readers for all of them. Functions passed to `evaluate` run in
 * the page, so they use nothing from this module's scope.
 */
import type { Frame } from 'playwright-core';

export interface Mark {
  name: string;
  at: number;
}

/** Names the marks the probes add: the key pressed, and which answer from the host arrived. */
export const probeMarks = {
  keydown: (key: string) => `bench:keydown:${key}`,
  /** A `getQuestion` result for this question id arrived in the page. */
  detail: (questionId: string) => `bench:detail:${questionId}`,
  /** A `listQuestions` page arrived. */
  listPage: 'bench:list-page',
  /** A panel command (a key the workbench resolved through its keybindings) arrived from the extension. */
  command: 'bench:command',
  /** The host's answer to a `rating/save` arrived (before the panel handles it). */
  ratingSaved: 'bench:rating-saved',
} as const;

/** The few DOM names the probes use, typed here because the root tsconfig (rightly) has no DOM library. */
export interface PageElement {
  textContent: string | null;
  offsetHeight: number;
  clientHeight: number;
  scrollTop: number;
  scrollHeight: number;
}

export interface PageGlobal {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): { length: number } };
  addEventListener(type: string, listener: (e: { key?: string; data?: unknown }) => void, capture: boolean): void;
  requestAnimationFrame(callback: (time: number) => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
  setTimeout(callback: () => void, ms: number): number;
  mrBenchProbes?: boolean;
  mrBenchLongTasks?: { at: number; ms: number }[];
  /** Resolves with the mark's time once a mark of that name exists (installProbes). */
  mrBenchMark?: (name: string) => Promise<number>;
}

/**
 * Installs the probes once per page. tsx compiles functions with a `__name` helper that the page lacks;
 * the shim gives it one so typed functions can be passed to `evaluate`.
 */
export async function installProbes(frame: Frame): Promise<void> {
  await frame.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  await frame.evaluate(() => {
    const w = globalThis as unknown as PageGlobal;
    if (w.mrBenchProbes) return;
    w.mrBenchProbes = true;
    const tasks: { at: number; ms: number }[] = [];
    w.mrBenchLongTasks = tasks;
    // Capturing on window runs before the panel's own listeners, so this is the earliest time in the page.
    w.addEventListener('keydown', (e) => performance.mark(`bench:keydown:${e.key ?? ''}`), true);
    w.addEventListener(
      'message',
      (e) => {
        const data = e.data as { kind?: string; method?: string; ok?: boolean; result?: { id?: unknown; answers?: unknown; questions?: unknown; revision?: unknown } } | null;
        if (data?.kind === 'notification' && data.method === 'panel/command') performance.mark('bench:command');
        if (data?.kind !== 'response' || !data.ok || !data.result) return;
        if (Array.isArray(data.result.answers) && typeof data.result.id === 'string') performance.mark(`bench:detail:${data.result.id}`);
        else if (Array.isArray(data.result.questions)) performance.mark('bench:list-page');
        else if (typeof data.result.revision === 'number') performance.mark('bench:rating-saved');
      },
      true,
    );
    new w.PerformanceObserver((list) => {
      for (const t of list.getEntries()) tasks.push({ at: t.startTime, ms: t.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Marks are waited for by an observer, not by polling every frame: a poll at each animation frame ran
    // in the panel's own thread while it handled the very message being timed, and kept frames coming.
    const waiting = new Map<string, ((at: number) => void)[]>();
    w.mrBenchMark = (name) =>
      new Promise((resolve) => {
        const done = performance.getEntriesByName(name, 'mark')[0];
        if (done) resolve(done.startTime);
        else waiting.set(name, [...(waiting.get(name) ?? []), resolve]);
      });
    new w.PerformanceObserver((list) => {
      for (const m of list.getEntries() as unknown as { name: string; startTime: number }[]) {
        const resolvers = waiting.get(m.name);
        if (!resolvers) continue;
        waiting.delete(m.name);
        for (const resolve of resolvers) resolve(m.startTime);
      }
    }).observe({ type: 'mark', buffered: false });
  });
}

/** Every mark whose name starts with `prefix`, in time order. */
export function marks(frame: Frame, prefix: string): Promise<Mark[]> {
  return frame.evaluate(
    (p) =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith(p))
        .map((m) => ({ name: m.name, at: m.startTime })),
    prefix,
  );
}

/** The time of the first mark with exactly this name, waiting for it to appear (installProbes first). */
export async function waitForMark(frame: Frame, name: string, timeoutMs = 30_000): Promise<number> {
  return withTimeout(
    frame.evaluate((n) => {
      const wait = (globalThis as unknown as PageGlobal).mrBenchMark;
      if (!wait) throw new Error('the benchmark probes are not installed in this page');
      return wait(n);
    }, name),
    timeoutMs,
    `mark ${name}`,
  );
}

/** Rejects when `work` takes longer than `ms`; the page-side wait is left to end with the page. */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The panel's acknowledgement of a rating (its mr:acked time), or the error its form shows instead. */
export type SaveOutcome = { acked: number } | { error: string };

export async function waitForSave(frame: Frame, answerId: string, timeoutMs: number): Promise<SaveOutcome> {
  return withTimeout(
    frame.evaluate(
      (id) =>
        new Promise<SaveOutcome>((resolve) => {
          const w = globalThis as unknown as PageGlobal;
          if (!w.mrBenchMark) throw new Error('the benchmark probes are not installed in this page');
          // A failed save shows on the form and leaves no mark; looked for ten times a second, off the timed path.
          const failedCheck = w.setInterval(() => {
            const failed = w.document.querySelector(`.answer[data-answer-id="${id}"] .save-status[data-status="error"]`);
            if (failed) {
              w.clearInterval(failedCheck);
              resolve({ error: failed.textContent?.trim() || 'error' });
            }
          }, 100);
          void w.mrBenchMark(`mr:acked:${id}`).then((acked) => {
            w.clearInterval(failedCheck);
            resolve({ acked });
          });
        }),
      answerId,
    ),
    timeoutMs,
    `the rating of answer ${answerId} to be acknowledged`,
  );
}

/** The page's clock now, to bound later reads of marks to what happened after it. */
export function pageNow(frame: Frame): Promise<number> {
  return frame.evaluate(() => performance.now());
}

/** How many long tasks (over 50 ms on the page's main thread) started since `from`, and the longest. */
export async function longTasksSince(frame: Frame, from: number): Promise<{ longTasksOver50ms: number; longestTaskMs: number }> {
  const tasks = await longTasks(frame, from, await pageNow(frame));
  return { longTasksOver50ms: tasks.length, longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.ms))) };
}

/** Long tasks (over 50 ms on the page's main thread) that started in [from, to]. */
function longTasks(frame: Frame, from: number, to: number): Promise<{ at: number; ms: number }[]> {
  return frame.evaluate(([a, b]) => ((globalThis as unknown as PageGlobal).mrBenchLongTasks ?? []).filter((t) => t.at >= a && t.at <= b), [from, to] as const);
}
