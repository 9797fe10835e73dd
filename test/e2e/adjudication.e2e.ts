import { strict as assert } from 'node:assert';
import { ratingKeys } from './support/ratingKeys';
import { seedOtherRater } from './fixtures/otherRater';
import { Session } from './support/session';
import { copyOfSampleWorkspace } from './support/workspace';

/** Issue 8: after a blind round, the questions where raters disagree, names revealed, and a consensus recorded. */
describe('adjudication after a blind round', function () {
  let session: Session;

  before(async () => {
    const workspace = copyOfSampleWorkspace({ 'medreview.review.blind': true });
    await seedOtherRater(workspace, 'dr-colleague', 5);
    session = await Session.open({ workspace });
  });

  after(async () => {
    await session?.close();
  });

  it("shows a colleague's ratings only after mine, marks the disputed fields, and saves a consensus", async () => {
    const panel = await session.workbench.openReviewPanel();
    await panel.selectQuestion(0);
    await panel.answers().nth(1).waitFor();
    // My ratings: the second choice everywhere and overall 2, against the colleague's first choices and 5.
    const keys = ratingKeys('2', '2');
    const n = await panel.answers().count();
    await panel.focusPage();
    for (let i = 0; i < n; i++) {
      await panel.pressAll(keys);
      await panel.waitForSaved(i);
      if (i < n - 1) await panel.press('l');
    }
    await panel.frame.locator('.toolbar .mode-toggle', { hasText: 'Adjudicate' }).click();
    const cards = panel.frame.locator('.adjudication .answer');
    await cards.nth(n - 1).waitFor({ timeout: 30_000 });
    const table = cards.first().locator('table.rater-ratings');
    await table.locator('th', { hasText: 'dr-colleague' }).waitFor();
    assert.ok((await table.locator('tr.disagree').count()) >= 2, 'the disputed fields are marked');
    assert.match((await cards.first().locator('.model').textContent()) ?? '', /^demo\//, 'model names are revealed');

    const form = cards.first().locator('.rubric-form');
    const fields = form.locator('.field');
    const count = await fields.count();
    for (let i = 0; i < count; i++) {
      const choice = fields.nth(i).locator('button.choice').first();
      if (await choice.count()) await choice.click();
    }
    await form.locator('.save-status[data-status="saved"]').waitFor();
    await session.screenshot('adjudication');
  });
});
