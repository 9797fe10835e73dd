import { strict as assert } from 'node:assert';
import { defaultRubric } from '../../server/rubric';
import { fieldId, formFields } from '../../webview/ratingForm';
import { ratingKeys } from './support/ratingKeys';
import { storedRatings, waitForDraft } from './support/reviewDatabase';
import { sampleQuestions } from './support/sampleFacts';
import { useSuiteSession, type Session } from './support/session';

/** One key per field of the default rubric: the first choice, 3 on the overall score. */
const firstChoices = ratingKeys('1', '3');
const fieldIds = formFields(defaultRubric()).map(fieldId);

/**
 * Issue 8: a physician grades with the keyboard alone; every saved rating is in the database; a reload brings
 * back the ratings, the position and the filters.
 */
describe('grading with the keyboard', function () {
  let session: Session;
  const questions = sampleQuestions();

  useSuiteSession((opened) => (session = opened));

  it('grades three answers with keys only, each saved once the store acknowledged it', async () => {
    const panel = await session.workbench.openReviewPanel();
    const index = questions.findIndex((q) => q.models.length >= 3);
    await panel.selectQuestion(index);
    await panel.answers().nth(2).waitFor();
    await panel.focusPage();
    for (let i = 0; i < 3; i++) {
      await panel.pressAll(firstChoices);
      await panel.waitForSaved(i);
      if (i < 2) await panel.press('l');
    }
    await session.screenshot('graded-with-keyboard');
    assert.equal(await storedRatings(session.workspace), 3);
  });

  it('types into the comment with Enter as a newline, and saves with Ctrl+Enter', async () => {
    const panel = await session.workbench.reviewPanel();
    await panel.press('c');
    await panel.answers().nth(2).locator('textarea.comment:focus').waitFor();
    await panel.type('Adrenaline dose correct.');
    await panel.press('Enter');
    await panel.type('Second line; j and k typed here do nothing else.');
    const comment = panel.answers().nth(2).locator('textarea.comment');
    assert.equal(await comment.inputValue(), 'Adrenaline dose correct.\nSecond line; j and k typed here do nothing else.');
    await panel.press('Control+Enter');
    await panel.answers().nth(2).locator('.save-status[data-status="saved"]', { hasText: 'revision 2' }).waitFor();
  });

  it('brings back ratings, the selected question, the focused answer and the filters after a reload', async () => {
    const panel = await session.workbench.reviewPanel();
    const selected = await panel.selectedQuestionId();
    const model = questions.find((q) => q.models.length >= 3)!.models[0]!;
    await panel.modelFilter().selectOption(model);
    await panel.waitForQuestionCount(questions.filter((q) => q.models.includes(model)).length);
    await session.workbench.reloadWindow();
    const restored = await session.workbench.reviewPanel();
    await restored.waitForQuestionCount(questions.filter((q) => q.models.includes(model)).length);
    assert.equal(await restored.modelFilter().inputValue(), model);
    await restored.waitForSelected(selected ?? '');
    for (let i = 0; i < 3; i++) await restored.waitForSaved(i);
    await restored.answers().nth(2).and(restored.frame.locator('.answer.focused')).waitFor();
    await session.screenshot('after-reload-with-ratings');
  });

  it('undoes the last change with u', async () => {
    const panel = await session.workbench.reviewPanel();
    await panel.focusPage();
    await panel.press('u');
    await panel.frame.locator('.banner', { hasText: 'Undone' }).waitFor();
    await panel.answers().nth(2).locator('.save-status[data-status="saved"]', { hasText: 'revision 3' }).waitFor();
    assert.equal(await panel.answers().nth(2).locator('textarea.comment').inputValue(), '', 'the comment is back as it was before');
  });

  it('lists only questions with an answer below the chosen ROUGE-L, and keeps that filter across a reload', async () => {
    const panel = await session.workbench.reviewPanel();
    await panel.modelFilter().selectOption('');
    await panel.waitForQuestionCount(questions.length);
    await panel.rougeFilter().selectOption('0.3');
    const listed = await panel.waitForQuestionCountOtherThan(questions.length);
    assert.ok(listed > 0 && listed < questions.length, `0.3 splits the sample questions (${listed} of ${questions.length} listed)`);
    for (let i = 0; i < listed; i++) {
      await panel.selectQuestion(i);
      await panel.answers().first().waitFor();
      const f = await panel.rougeOfAnswers('rougeL');
      // The chips are computed apart from the filter (when the question is shown): they must agree.
      assert.ok(f.some((x) => x < 0.3 + 0.0005), `question ${i} has an answer with ROUGE-L below 0.3 (chips: ${f.join(', ')})`);
    }
    await session.screenshot('rouge-filter');
    await session.workbench.reloadWindow();
    const restored = await session.workbench.reviewPanel();
    await restored.waitForQuestionCount(listed);
    assert.equal(await restored.rougeFilter().inputValue(), '0.3');
    await restored.rougeFilter().selectOption('');
    await restored.waitForQuestionCount(questions.length);
  });
});

describe('drafts', function () {
  let session: Session;

  useSuiteSession((opened) => (session = opened));

  it('keeps a half-filled form across a window reload, never counted as a rating', async () => {
    const panel = await session.workbench.openReviewPanel();
    await panel.selectQuestion(1);
    await panel.answers().first().waitFor();
    await panel.focusPage();
    await panel.pressAll(['2', '2', '1']);
    await panel.answers().first().locator('.save-status[data-status="draft"]').waitFor();
    await waitForDraft(session.workspace);
    await session.workbench.reloadWindow();
    const restored = await session.workbench.reviewPanel();
    const form = restored.answers().first();
    await form.locator('.save-status[data-status="draft"]').waitFor({ timeout: 60_000 });
    assert.equal(await form.locator('.field[data-field="consensus"] button.chosen').getAttribute('data-value'), 'opposed');
    assert.equal(await form.locator('.field[data-field="harm_likelihood"] button.chosen').getAttribute('data-value'), 'low');
    assert.equal(await storedRatings(session.workspace), 0, 'a draft is not a rating');
  });

  it('answers Ctrl+Enter on a half-filled form by going to the first field still to rate and saying what is missing', async () => {
    const panel = await session.workbench.reviewPanel();
    await panel.focusPage();
    await panel.press('Control+Enter');
    const toRate = firstChoices.length - 3;
    await panel.banner().filter({ hasText: `Not saved yet: ${toRate} still to rate` }).waitFor();
    const fourth = fieldIds[3]!;
    await panel.answers().first().locator(`.field.focused[data-field="${fourth}"]`).waitFor();
    assert.equal(await storedRatings(session.workspace), 0, 'an incomplete form is not saved as a rating');
    await session.screenshot('incomplete-form-ctrl-enter');
  });

  it('keeps a dialog modal: it takes the focus, rating keys do nothing behind it, Escape closes it', async () => {
    const panel = await session.workbench.reviewPanel();
    const fourth = panel.answers().first().locator(`.field[data-field="${fieldIds[3]!}"]`);
    await panel.press('Shift+Slash');
    await panel.frame.locator('.overlay .overlay-box:focus').waitFor();
    await panel.press('1');
    // Keys reach the panel as VS Code commands, in order: once the guidelines replace the shortcuts, the 1
    // before them has been handled.
    await panel.press('i');
    await panel.frame.locator('.overlay[aria-label^="Guidelines"] .overlay-box:focus').waitFor();
    await panel.press('Escape');
    await panel.frame.locator('.overlay').waitFor({ state: 'detached' });
    assert.equal(await fourth.locator('button.chosen').count(), 0, 'the key pressed while the dialog was open changed nothing');
    await panel.press('1');
    await fourth.locator('button.chosen').waitFor();
  });
});

describe('pairwise preference and extraction corrections', function () {
  let session: Session;
  const questions = sampleQuestions();

  useSuiteSession((opened) => (session = opened));

  it('records which of two answers is better with one key, and keeps it after a reload', async () => {
    const panel = await session.workbench.openReviewPanel();
    await panel.selectQuestion(questions.findIndex((q) => q.models.length >= 2));
    await panel.answers().nth(1).waitFor();
    await panel.focusPage();
    await panel.press('b');
    const chosen = panel.frame.locator('.preference button.chosen');
    await chosen.filter({ hasText: 'better' }).waitFor();
    await panel.frame.locator('.preference .save-status[data-status="saved"]').waitFor();
    const label = await chosen.textContent();
    await session.workbench.reloadWindow();
    const restored = await session.workbench.reviewPanel();
    await restored.frame.locator('.preference button.chosen').filter({ hasText: (label ?? '').replace(/^b\s*/, '').trim() }).waitFor({ timeout: 60_000 });
  });

  it('lets a physician correct the choice extracted from a multiple-choice answer', async () => {
    const panel = await session.workbench.reviewPanel();
    const mcq = questions.findIndex((q) => q.id !== undefined && q.models.length >= 1);
    await panel.selectQuestion(mcq);
    const chip = panel.answers().first().locator('button.accuracy');
    await chip.waitFor();
    await chip.click();
    const options = panel.answers().first().locator('.correction button');
    const current = await chip.textContent();
    const letter = ['A', 'B', 'C', 'D', 'E'].find((l) => !(current ?? '').endsWith(`: ${l}`))!;
    await options.filter({ hasText: new RegExp(`^${letter}$`) }).click();
    await panel.answers().first().locator('button.accuracy', { hasText: `${letter} (corrected)` }).waitFor();
    await session.screenshot('extraction-corrected');
  });
});

describe('blind review in the panel', function () {
  let session: Session;

  useSuiteSession((opened) => (session = opened), { settings: { 'medreview.review.blind': true } });

  it('hides model names until every answer is rated, then reveals them in place', async () => {
    const panel = await session.workbench.openReviewPanel();
    const index = sampleQuestions().findIndex((q) => q.models.length >= 2);
    await panel.selectQuestion(index);
    await panel.answers().nth(1).waitFor();
    const blindLabels = await panel.answerLabels();
    assert.ok(blindLabels.every((l) => /^Answer [A-Z]$/.test(l)), blindLabels.join());
    const ids = await panel.answers().evaluateAll((els: unknown[]) => els.map((e) => (e as { dataset: { answerId: string } }).dataset.answerId));
    await panel.focusPage();
    const n = blindLabels.length;
    for (let i = 0; i < n; i++) {
      await panel.pressAll(firstChoices);
      if (i < n - 1) {
        await panel.waitForSaved(i);
        assert.ok((await panel.answerLabels()).every((l) => /^Answer [A-Z]$/.test(l)), 'still blind while answers are left');
        await panel.press('l');
      }
    }
    await panel.frame.locator('.answers .model', { hasText: 'demo/' }).first().waitFor();
    const revealed = await panel.answerLabels();
    assert.ok(revealed.every((l) => l.startsWith('demo/')), revealed.join());
    const after = await panel.answers().evaluateAll((els: unknown[]) => els.map((e) => (e as { dataset: { answerId: string } }).dataset.answerId));
    assert.deepEqual(after, ids, 'answers keep their places when names appear');
    await session.screenshot('blind-revealed');
  });
});
