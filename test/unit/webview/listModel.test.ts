import { strict as assert } from 'node:assert';
import { ListModel, PAGE_SIZE } from '../../../webview/listModel';
import type { ListQuestionsResult, QuestionFilters, QuestionSummary, RequestMessage } from '../../../webview/protocol';
import type { ListQuestionsParams } from '../../../server/protocol';
import { Rpc } from '../../../webview/rpc';

/**
 * The panel's list over a host that holds `total` questions and answers list requests only when told to,
 * so a test can look at the list while a reload is in flight. `graded` is what the host reports as rated.
 */
function harness(total: number) {
  const posted: RequestMessage[] = [];
  let listener: ((e: { data: unknown }) => void) | undefined;
  const rpc = new Rpc({ postMessage: (m) => posted.push(m as RequestMessage) }, { addEventListener: (_t, l) => (listener = l) });
  const graded = new Set<number>();
  /** Answers the host reports still to score for the ROUGE filter (with that filter on). */
  const scoring = { unscored: 0 };
  const row = (i: number): QuestionSummary => ({
    id: `q${i}`, datasetId: `d${i}`, title: `Question ${i}`, kind: 'open', answerCount: 2, gradedByMe: graded.has(i) ? 2 : 0, ratersComplete: 0, ratersTarget: 1, flagged: false, hasReference: true,
  });
  const answerAll = async (): Promise<void> => {
    for (const m of posted.splice(0)) {
      const { offset = 0, limit = PAGE_SIZE } = m.params as ListQuestionsParams;
      const questions = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => row(offset + k));
      const result: ListQuestionsResult = { questions, total, progress: { rater: 'r', gradedAnswers: 0, totalAnswers: 0, gradedQuestions: 0, totalQuestions: 0 }, models: [], blind: false,
        rougeFilter: { metric: 'rougeL', ...((m.params as ListQuestionsParams).filters?.lowRouge !== undefined ? { unscored: scoring.unscored } : {}) } };
      listener?.({ data: { kind: 'response', id: m.id, ok: true, result } });
    }
    await new Promise((r) => setImmediate(r));
  };
  const progressAsked = (): boolean[] => posted.map((m) => (m.params as ListQuestionsParams).withProgress !== false);
  const offsetsAsked = (): number[] => posted.map((m) => (m.params as ListQuestionsParams).offset ?? 0).sort((a, b) => a - b);
  const list = new ListModel(rpc, () => undefined, RESCAN_TEST_MS);
  return { list, graded, scoring, posted, answerAll, offsetsAsked, progressAsked };
}

/** The list under these filters, once the host has answered. */
async function shown(h: ReturnType<typeof harness>, filters: QuestionFilters): Promise<void> {
  const reset = h.list.reset(filters);
  await h.answerAll();
  await reset;
}

/** How long the list under test waits before asking again while the host scores answers. */
const RESCAN_TEST_MS = 20;

/** Until the list has asked the host `n` times (it asks by itself, on a timer), or fails after 5 s. */
async function untilAsked(h: ReturnType<typeof harness>, n: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (h.posted.length < n) {
    assert.ok(Date.now() < deadline, `the list asked ${h.posted.length} time(s), not ${n}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Several times as long as the list waits before asking again: time for a request that must not come. */
const noRequestWindow = () => new Promise((r) => setTimeout(r, 10 * RESCAN_TEST_MS));

async function loaded(h: ReturnType<typeof harness>, first: number, last: number): Promise<void> {
  h.list.ensureRange(first, last);
  await h.answerAll();
}

describe('webview list model', () => {
  it('asks for the rater’s progress once per load or refresh, not with every page of a scroll', async () => {
    const h = harness(100_000);
    const reset = h.list.reset({});
    assert.deepEqual(h.progressAsked(), [true]);
    await h.answerAll();
    await reset;
    h.list.ensureRange(5000, 5030);
    h.list.ensureRange(20_000, 20_030);
    assert.deepEqual(h.progressAsked(), [false, false], 'scrolled-to pages come without it');
    await h.answerAll();
    assert.ok(h.list.progress, 'the progress from the first page stays');
    void h.list.refresh();
    assert.deepEqual(h.progressAsked(), [true], 'a save changes it: the refresh asks again');
    await h.answerAll();
  });

  it('keeps showing the loaded rows while a refresh is in flight, then shows the fresh ones', async () => {
    const h = harness(1000);
    const reset = h.list.reset({});
    await h.answerAll();
    await reset;
    await loaded(h, 0, 30);
    h.graded.add(3);
    const refreshed = h.list.refresh();
    assert.equal(h.list.at(3)?.id, 'q3', 'the row is still there while the reload is pending');
    assert.equal(h.list.indexOf('q3'), 3, 'the selected question keeps its place');
    assert.equal(h.list.at(3)?.gradedByMe, 0);
    await h.answerAll();
    await refreshed;
    assert.equal(h.list.at(3)?.gradedByMe, 2, 'the fresh copy replaced it');
  });

  it('moves to the next row at once during a refresh, instead of waiting for it or losing its place', async () => {
    const h = harness(1000);
    await loaded(h, 0, 30);
    void h.list.refresh();
    const next = await h.list.ensureIndex(h.list.indexOf('q7') + 1);
    assert.equal(next?.id, 'q8');
  });

  it('reloads only the pages on screen after a save; a page visited earlier is reloaded when shown again', async () => {
    const h = harness(5 * PAGE_SIZE);
    await loaded(h, 10, 40);
    await loaded(h, 3 * PAGE_SIZE, 3 * PAGE_SIZE + 20);
    await loaded(h, 10, 40);
    const refreshed = h.list.refresh();
    assert.deepEqual(h.offsetsAsked(), [0], 'only the page on screen is asked for');
    await h.answerAll();
    await refreshed;
    h.graded.add(3 * PAGE_SIZE + 5);
    assert.equal(h.list.at(3 * PAGE_SIZE + 5)?.gradedByMe, 0, 'the page out of view still shows its old copy');
    h.list.ensureRange(3 * PAGE_SIZE, 3 * PAGE_SIZE + 20);
    assert.deepEqual(h.offsetsAsked(), [3 * PAGE_SIZE], 'scrolling back asks for it again');
    await h.answerAll();
    assert.equal(h.list.at(3 * PAGE_SIZE + 5)?.gradedByMe, 2);
  });

  it('drops every row when the filters change', async () => {
    const h = harness(1000);
    await loaded(h, 0, 30);
    const reset = h.list.reset({ search: 'x' });
    assert.equal(h.list.at(3), undefined);
    assert.equal(h.list.indexOf('q3'), -1);
    await h.answerAll();
    await reset;
    assert.equal(h.list.at(3)?.id, 'q3');
  });

  it('asks again while the host is still scoring answers for the ROUGE filter, and stops once it is done', async () => {
    const h = harness(50);
    h.scoring.unscored = 1200;
    await shown(h, { lowRouge: 0.2 });
    assert.equal(h.list.rougeFilter?.unscored, 1200);
    await untilAsked(h, 1);
    h.scoring.unscored = 0;
    await h.answerAll();
    assert.equal(h.list.rougeFilter?.unscored, 0);
    await noRequestWindow();
    assert.equal(h.posted.length, 0, 'nothing left to score: no more requests');
  });

  it('does not ask again for a ROUGE filter the rater has turned off meanwhile', async () => {
    const h = harness(50);
    h.scoring.unscored = 10;
    await shown(h, { lowRouge: 0.1 });
    await shown(h, {});
    await noRequestWindow();
    assert.equal(h.posted.length, 0);
  });
});
