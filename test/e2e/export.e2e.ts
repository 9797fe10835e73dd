import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Rating } from '../../server/store';
import { ratingKeys } from './support/ratingKeys';
import { storedRatings } from './support/reviewDatabase';
import { sampleQuestions } from './support/sampleFacts';
import { useSuiteSession, type Session } from './support/session';

interface ExportedLine {
  rater: string;
  overall: number | null;
  values: Record<string, unknown>;
  question: { uid: string; text: string };
  answer: { model: string; text: string };
  rouge: { answer: Record<string, { fmeasure: number }> | null };
}

/**
 * Issues 6 and 8: export from the panel. A physician grades two answers, exports the ratings through the
 * panel's Export… button (format pick, options, save dialog), and the file holds exactly those ratings;
 * the summary page shows the per-model figures and exports them as Markdown.
 */
describe('export, summary and merge from the panel', function () {
  let session: Session;
  const questions = sampleQuestions();
  const index = questions.findIndex((q) => q.models.length >= 2);

  useSuiteSession((opened) => (session = opened));

  it('exports the ratings just saved to the JSON Lines file chosen in the save dialog', async () => {
    const panel = await session.workbench.openReviewPanel();
    const questionId = await panel.selectQuestion(index);
    await panel.answers().nth(1).waitFor();
    await panel.focusPage();
    await panel.pressAll(ratingKeys('1', '4'));
    await panel.waitForSaved(0);
    await panel.press('l');
    await panel.pressAll(ratingKeys('1', '2'));
    await panel.waitForSaved(1);
    assert.equal(await storedRatings(session.workspace), 2);

    const target = join(session.workspace, 'ratings-export.jsonl');
    await panel.toolbarButton('Export…').click();
    await session.workbench.pickQuickItem('Ratings (JSON Lines)');
    await session.workbench.acceptQuickPick('Export Ratings (JSON Lines)');
    await session.workbench.answerSaveDialog(target, `medreview-jsonl-${new Date().toISOString().slice(0, 10)}.jsonl`);
    await session.workbench.notification('Exported 2 ratings').waitFor({ timeout: 60_000 });

    const lines = readFileSync(target, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExportedLine);
    assert.equal(lines.length, 2);
    assert.deepEqual(lines.map((l) => l.overall).sort(), [2, 4]);
    assert.ok(lines.every((l) => l.question.uid === questionId && l.question.text === questions[index]!.text), 'the graded question');
    assert.equal(new Set(lines.map((l) => l.answer.model)).size, 2, 'two different answers');
    for (const l of lines) {
      assert.ok(questions[index]!.models.includes(l.answer.model), `${l.answer.model} answers this question`);
      assert.ok(l.answer.text.length > 0);
      assert.ok(l.rouge.answer && l.rouge.answer.rouge1 && l.rouge.answer.rouge1.fmeasure > 0, 'ROUGE-1 against the reference');
    }
    assert.ok(!existsSync(`${target}.partial`));
  });

  it('shows the per-model summary with both rated models, and exports it as Markdown', async () => {
    const panel = await session.workbench.reviewPanel();
    await panel.toolbarButton('Summary').click();
    const ratings = panel.summaryTable('ratings');
    await ratings.waitFor({ timeout: 60_000 });
    const header = (await ratings.locator('thead th').allInnerTexts()).map((t) => t.trim());
    const rated = questions[index]!.models;
    assert.equal(header.filter((h) => rated.includes(h)).length, 2, `two rated models in ${header.join(' | ')}`);
    assert.ok((await panel.frame.locator('.summary-chart svg').count()) >= 1, 'a bar chart is drawn');
    await session.screenshot('summary');

    const target = join(session.workspace, 'summary-export.md');
    await panel.summaryButton('Export Markdown').click();
    await session.workbench.answerSaveDialog(target, 'summary.md');
    await session.workbench.notification('Saved').waitFor({ timeout: 60_000 });
    const markdown = readFileSync(target, 'utf8');
    for (const model of header.filter((h) => rated.includes(h))) assert.ok(markdown.includes(model), `${model} in the Markdown summary`);

    await panel.toolbarButton('Back to review').click();
    await panel.answers().first().waitFor();
  });

  it("merges a colleague's database from the palette: their ratings arrive in the panel, a conflicting one is kept as it is here", async () => {
    // A colleague's copy of this study: same answers and rubric, two ratings of their own, and a different
    // overall score on one of this rater's ratings (as if edited in their copy).
    const other = join(session.workspace, 'colleague.sqlite');
    copyFileSync(join(session.workspace, '.medreview', 'review.sqlite'), other);
    const colleague = await openStore(other, { create: false });
    try {
      const mine: Rating[] = [];
      for await (const r of colleague.streamRatings()) mine.push(r);
      assert.equal(mine.length, 2);
      for (const r of mine) await colleague.saveRating({ rater: 'dr-colleague', answerUid: r.answerUid, rubricHash: r.rubricHash, values: r.values, overall: 3, blind: false });
      const [edited] = mine;
      await colleague.saveRating({ rater: edited!.rater, answerUid: edited!.answerUid, rubricHash: edited!.rubricHash, values: edited!.values, overall: edited!.overall === 5 ? 1 : 5, blind: false });
    } finally {
      await colleague.close();
    }

    const panel = await session.workbench.reviewPanel();
    await session.workbench.runCommand("MedReview: Merge Ratings from Another Rater's Database…");
    await session.workbench.answerOpenDialog("Merge another rater's review database", other);
    const toast = session.workbench.notification('Merged from colleague.sqlite');
    await toast.waitFor({ timeout: 60_000 });
    assert.match(await toast.innerText(), /2 ratings added.*Not merged: 1 conflict kept as it is here/s);
    // The panel reads the question again: both answers now count the colleague.
    await panel.answers().nth(0).getByText('1 other rater').waitFor();
    await panel.answers().nth(1).getByText('1 other rater').waitFor();
    assert.equal(await storedRatings(session.workspace), 4);
    await session.screenshot('merge');

    await toast.getByRole('button', { name: 'Show Report' }).click();
    await session.workbench.page.locator('.monaco-editor .view-lines', { hasText: 'conflicts, not merged (1)' }).first().waitFor();
  });
});
