import { strict as assert } from 'node:assert';
import { hostileAnswers, hostileQuestion, hostileWorkspace } from './fixtures/hostileWorkspace';
import type { ReviewPanelPage } from './pages/reviewPanel';
import { Session } from './support/session';

/**
 * Issue 8 (safety): model output and dataset text are hostile input. Rendered in the real panel, none of
 * these answers may run script, fetch anything, restyle the page, or make the panel unresponsive.
 */
describe('hostile answers render inert', function () {
  let session: Session;
  let panel: ReviewPanelPage;

  before(async () => {
    session = await Session.open({ workspace: hostileWorkspace() });
    panel = await session.workbench.openReviewPanel();
    await panel.waitForQuestionCount(1);
    await panel.selectQuestion(0);
    await panel.answers().nth(hostileAnswers.length - 1).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await session.screenshot('hostile-answers');
    await session?.close();
  });

  it('renders every hostile answer as a card', async () => {
    assert.equal(await panel.answers().count(), hostileAnswers.length);
  });

  it('executes no payload: no script, event handler, javascript: link, SVG or iframe ran', async () => {
    await panel.answerByModel('hostile/event-handler').locator('.final-answer').hover();
    const jsLink = panel.answerByModel('hostile/javascript-link').locator('.final-answer');
    assert.equal(await jsLink.locator('.md-link').count(), 0, 'a javascript: target is not even shown as a link');
    await jsLink.click();
    await panel.answerByModel('hostile/think-injection').locator('vscode-collapsible').click();
    // Read from the panel page's own window; `acquireVsCodeApi` proves it is that window.
    const probe = await panel.frame.locator('body').evaluate((body: unknown) => {
      const win = (body as { ownerDocument: { defaultView: Record<string, unknown> } }).ownerDocument.defaultView;
      return { pwned: win.__pwned ?? null, isPanelWindow: typeof win.acquireVsCodeApi === 'function' };
    });
    assert.deepEqual(probe, { pwned: null, isPanelWindow: true });
    // Only inside the rendered text: vscode-elements draw their own icons in their shadow roots.
    const containers = ['.final-answer', '.reasoning-text', '.question-text', '.options', '.reference-answer'];
    const inText = (sel: string): string => containers.flatMap((c) => sel.split(',').map((s) => `${c} ${s.trim()}`)).join(', ');
    assert.equal(await panel.frame.locator(inText('script, iframe, object, embed, img, svg, style, link')).count(), 0);
    assert.equal(await panel.frame.locator(inText('[onerror], [onload], [onclick], [onmouseover], [href], [src], [style]')).count(), 0);
  });

  it('shows the markup as text, so the reviewer sees what the model wrote', async () => {
    await panel.answerByModel('hostile/script-tag').locator('.final-answer', { hasText: '<script>window.__pwned' }).waitFor();
    await panel.questionText().filter({ hasText: '<script>' }).waitFor();
  });

  it('fetches nothing from outside code-server and keeps the page styled', async () => {
    assert.deepEqual(session.foreignRequests, []);
    assert.ok(await panel.questionText().isVisible(), 'a <style> payload did not hide the page');
  });

  it('reveals bidi overrides and zero-width characters instead of letting them reorder or hide text', async () => {
    const text = await panel.answerByModel('hostile/bidi').locator('.final-answer').innerText();
    assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/.test(text), `invisible controls left in: ${JSON.stringify(text)}`);
    assert.match(text, /U\+202E/);
    await panel.answerByModel('hostile/bidi').locator('.chip', { hasText: 'hidden characters' }).waitFor();
  });

  it('stays responsive with a 1 MB answer and a 10,000-line answer on the page', async () => {
    await panel.answerByModel('hostile/huge').locator('.truncated-note').waitFor();
    await panel.focusPage();
    await panel.search('anaphylaxis');
    await panel.waitForQuestionCount(1);
    assert.equal(await panel.frame.locator('.question-list li.selected').getAttribute('data-dataset-id'), hostileQuestion.id);
  });

  it('raised no Content-Security-Policy violation', () => {
    assert.deepEqual(session.webviewErrors, []);
  });
});
