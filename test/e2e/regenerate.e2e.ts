import { strict as assert } from 'node:assert';
import { ReplayServer } from '../replay';
import { sampleQuestions } from './support/sampleFacts';
import { Session } from './support/session';

/**
 * Issues 7 and 8: regenerate an answer against an inference server and watch it arrive token by token, then
 * cancel another mid-stream. The server is the replay server serving recorded llama-server bytes, slowed to
 * one frame every 300 ms so the stream can be watched (and cancelled) in the real panel.
 */
describe('regenerating answers in the panel', function () {
  let replay: ReplayServer;
  let session: Session;
  const questions = sampleQuestions();

  before(async () => {
    replay = await ReplayServer.start();
    const endpoint = { name: 'replay', preset: 'llama.cpp', url: replay.urlFor('llama,chunkDelayMs=300') };
    session = await Session.open({ settings: { 'medreview.endpoints': [endpoint] } });
  });

  after(async () => {
    await session?.close();
    await replay?.close();
  });

  it('streams a regenerated answer into the panel and then shows it stored, beside the old one', async () => {
    const panel = await session.workbench.openReviewPanel();
    const index = questions.findIndex((q) => q.models.length >= 2);
    await panel.selectQuestion(index);
    await panel.answers().nth(1).waitFor();
    const before = await panel.answers().count();
    await panel.focusPage();
    await panel.press('g');
    const live = panel.liveCards().first();
    await live.waitFor();
    // Some text has arrived while the card is still live: it streams rather than appearing at the end.
    await live.locator('.live-reasoning, .live-answer').filter({ hasText: /\w+/ }).first().waitFor({ timeout: 30_000 });
    assert.equal(await live.getAttribute('aria-busy'), 'true');
    await session.screenshot('regenerate-streaming');
    await panel.liveCards().first().waitFor({ state: 'detached', timeout: 60_000 });
    await panel.answers().nth(before).waitFor();
    const stored = panel.answers().nth(before);
    await stored.locator('.final-answer', { hasText: 'Rest plus plenty of water' }).waitFor();
    // It joined the end of the answers, out of view: the card is marked and the panel says where it is.
    await stored.locator('.chip', { hasText: /^new$/ }).waitFor();
    assert.equal(await panel.frame.locator('.answers .answer .chip', { hasText: /^new$/ }).count(), 1, 'only the new answer is marked');
    await panel.toast().filter({ hasText: `answer ${before + 1} of ${before + 1}` }).waitFor();
    await stored.scrollIntoViewIfNeeded();
    await session.screenshot('regenerate-stored');
    const request = replay.requests.find((r) => r.method === 'POST');
    assert.ok(request, 'the panel asked the inference server');
    assert.match(JSON.stringify(request.body), new RegExp(questions[index]!.text.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('cancels a generation mid-stream with x: the server sees the connection closed and the partial text is kept', async () => {
    const panel = await session.workbench.reviewPanel();
    await panel.focusPage();
    await panel.press('h');
    const posts = replay.requests.filter((r) => r.method === 'POST').length;
    await panel.press('g');
    const live = panel.liveCards().first();
    await live.locator('.live-reasoning, .live-answer').filter({ hasText: /\w+/ }).first().waitFor({ timeout: 30_000 });
    await panel.press('x');
    await panel.toast().filter({ hasText: 'cancelled' }).waitFor({ timeout: 30_000 });
    await live.waitFor({ state: 'detached' });
    const cancelled = replay.requests.filter((r) => r.method === 'POST')[posts];
    assert.ok(cancelled);
    await replay.settled(cancelled);
    assert.equal(cancelled.outcome, 'client-closed');
    await panel.frame.locator('.answer .chip', { hasText: /incomplete/ }).first().waitFor();
    await session.screenshot('regenerate-cancelled');
  });
});
