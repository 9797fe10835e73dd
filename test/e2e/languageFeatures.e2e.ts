import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from './support/session';
import { copyOfSampleWorkspace } from './support/workspace';

/**
 * Issues 3 and 4: the language server checks dataset files as they are opened, reports each problem at its
 * line and column in the Problems panel, and a code lens opens a dataset in the review panel.
 */
describe('language features for dataset files', function () {
  let session: Session;

  before(async () => {
    const workspace = copyOfSampleWorkspace();
    const good = { Question: 'A 50-year-old has sudden tearing chest pain radiating to the back. Which imaging confirms the diagnosis?', Complex_CoT: 'Aortic dissection is suspected.', Response: 'CT angiography of the aorta.' };
    const lines = [JSON.stringify(good), '{"Question": "broken line", "Response": ', JSON.stringify({ Question: 'Missing its answer entirely?', Complex_CoT: 'x' }).replace('"Complex_CoT"', '"Complex_CoT"')];
    writeFileSync(join(workspace, 'extra-questions.jsonl'), lines.join('\n') + '\n');
    session = await Session.open({ workspace });
  });

  after(async () => {
    await session?.close();
  });

  it('reports a malformed line and a missing field with their line numbers in the Problems panel', async () => {
    await session.workbench.openFile('extra-questions.jsonl');
    const rows = await session.workbench.problems();
    await rows.filter({ hasText: /\[Ln 2, Col \d+\]/ }).first().waitFor({ timeout: 60_000 });
    await rows.filter({ hasText: /Response/ }).filter({ hasText: /\[Ln 3, Col \d+\]/ }).first().waitFor();
    const texts = await rows.allTextContents();
    assert.ok(texts.some((t) => /medreview/.test(t)), texts.join('\n'));
    await session.screenshot('dataset-diagnostics');
  });

  it('opens the dataset in the review panel from its code lens, on its first question', async () => {
    await session.workbench.openFile('extra-questions.jsonl');
    await session.workbench.codeLens('Open in MedReview').click();
    const panel = await session.workbench.reviewPanel();
    await panel.questionText().filter({ hasText: 'tearing chest pain' }).waitFor({ timeout: 60_000 });
  });
});
