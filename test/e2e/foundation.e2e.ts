import { strict as assert } from 'node:assert';
import { sampleQuestions } from './support/sampleFacts';
import { useSuiteSession, type Session } from './support/session';

/**
 * Issue 3: the extension activates in a real VS Code, starts its language server, opens the review panel
 * from the command palette on the sample workspace, renders a question's answers, and survives a reload.
 */
describe('foundation: extension, language server and panel in code-server', function () {
  const questions = sampleQuestions();
  let session: Session;

  useSuiteSession((opened) => (session = opened));

  it('activates and the language server reports the sample data in the MedReview view', async () => {
    await session.workbench.showMedReviewView();
    await session.workbench.overviewRow(`${questions.length} questions`).waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('opens the panel from the command palette and lists every sample question', async () => {
    const panel = await session.workbench.openReviewPanel();
    await panel.waitForQuestionCount(questions.length);
    const titles = await panel.questionItems().locator('.q-title').allTextContents();
    assert.equal(titles.length, questions.length);
    assert.ok(titles[0] && questions[0]!.text.startsWith(titles[0].replace(/…$/, '')), `first row "${titles[0]}"`);
  });

  it("renders one question's answers side by side, reasoning collapsed", async () => {
    const panel = await session.workbench.openReviewPanel();
    const index = questions.findIndex((q) => q.models.length >= 2);
    const q = questions[index]!;
    await panel.selectQuestion(index);
    await panel.questionText().filter({ hasText: q.text.slice(0, 60) }).waitFor();
    await panel.answers().nth(q.models.length - 1).waitFor();
    const models = (await panel.answers().locator('.model').allTextContents()).sort();
    assert.deepEqual(models, q.models);
    const reasoning = panel.answers().locator('vscode-collapsible.reasoning').first();
    assert.equal(await reasoning.getAttribute('open'), null, 'reasoning starts collapsed');
    await session.screenshot('panel-question');
  });

  it('restores the panel and its selected question after a window reload', async () => {
    const panel = await session.workbench.openReviewPanel();
    const id = await panel.selectQuestion(2);
    await session.workbench.reloadWindow();
    await session.workbench.editorTab('MedReview').waitFor({ state: 'visible', timeout: 60_000 });
    const restored = await session.workbench.reviewPanel();
    await restored.frame.locator(`.question-list li.selected[data-question-id="${id}"]`).waitFor({ timeout: 60_000 });
    await restored.questionText().filter({ hasText: questions[2]!.text.slice(0, 60) }).waitFor();
    await session.screenshot('panel-after-reload');
  });

  it('moves between questions with the j/k keybindings, but not while typing in the search field', async () => {
    const panel = await session.workbench.openReviewPanel();
    const ids = await panel.questionIds();
    await panel.selectQuestion(0);
    await panel.focusPage();
    await panel.press('j');
    await panel.waitForSelected(ids[1]!);
    await panel.press('j');
    await panel.waitForSelected(ids[2]!);
    await panel.press('k');
    await panel.waitForSelected(ids[1]!);

    // Typing "j" in the search filters the list; the shortcut must not also move the selection.
    const matching = questions.map((q, i) => (q.text.toLowerCase().includes('j') ? ids[i]! : '')).filter(Boolean);
    const expected = matching.includes(ids[1]!) ? ids[1]! : matching[0]!;
    await panel.searchField().click();
    await panel.press('j');
    await panel.waitForQuestionCount(matching.length);
    assert.equal(await panel.searchField().inputValue(), 'j', 'the key was typed into the field');
    await panel.waitForSelected(expected);
    await panel.searchField().fill('');
  });

  it('raised no Content-Security-Policy violation or script error inside the webview', () => {
    assert.deepEqual(session.webviewErrors, []);
  });
});
