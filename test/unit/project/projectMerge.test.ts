import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { OpenProject } from '../../../server/project/project';
import { mergeIntoProject } from '../../../server/project/projectMerge';
import { defaultRubric, rubricContentHash } from '../../../server/rubric';
import { openSampleProject } from './projectHarness';

const rubric = defaultRubric();
const hash = rubricContentHash(rubric);
const values = Object.fromEntries(rubric.axes.filter((a) => a.choices.length).map((a) => [a.id, a.choices[0]!.value]));

/** Rates every answer of the first question that has two or more; how many were rated. */
async function rateFirstQuestion(p: OpenProject, rater: string, overall: number): Promise<number> {
  const uid = (await p.store.listQuestions({ limit: 100 })).rows.find((r) => r.answerCount >= 2)!.uid;
  const answers = (await p.store.getQuestion(uid, rater)).answers;
  for (const a of answers) await p.store.saveRating({ rater, answerUid: a.uid, rubricHash: hash, values, overall, blind: false });
  return answers.length;
}

const databaseOf = (workspace: string): string => join(workspace, '.medreview', 'review.sqlite');

describe('merging another rater’s database into the open project (what the panel asks the server for)', function () {
  this.timeout(60_000);

  it('brings in a colleague’s ratings once, reports them, and counts them as already here the second time', async () => {
    const colleague = await openSampleProject({ raterId: 'dr-b' });
    const mine = await openSampleProject({ raterId: 'dr-a' });
    try {
      const rated = await rateFirstQuestion(await colleague.project.ready(), 'dr-b', 4);
      await colleague.close(false);
      const p = await mine.project.ready();
      const first = await mergeIntoProject(p, databaseOf(colleague.workspace));
      assert.deepEqual([first.added.ratings, first.unchanged.ratings, first.conflicts, first.missingAnswers], [rated, 0, 0, 0]);
      assert.deepEqual(first.ratersAdded, ['dr-b']);
      assert.match(first.report, new RegExp(`^merged .*review\\.sqlite into .*\\nraters added: dr-b\\nadded: ${rated} ratings`));
      const again = await mergeIntoProject(p, databaseOf(colleague.workspace));
      assert.deepEqual([again.added.ratings, again.unchanged.ratings], [0, rated]);
      const stored = (await p.store.raterProgress({ rubricKey: rubric.id })).find((r) => r.rater === 'dr-b');
      assert.equal(stored?.gradedAnswers, rated);
    } finally {
      await mine.close();
      await colleague.close();
    }
  });

  it('refuses, saying which file and why: a relative path, a missing file, its own database', async () => {
    const mine = await openSampleProject();
    try {
      const p = await mine.project.ready();
      await assert.rejects(mergeIntoProject(p, 'other/review.sqlite'), /absolute path: other\/review\.sqlite/);
      await assert.rejects(mergeIntoProject(p, join(mine.workspace, 'nowhere.sqlite')), /nowhere\.sqlite: no such file/);
      await assert.rejects(mergeIntoProject(p, databaseOf(mine.workspace)), /this workspace's own review database/);
    } finally {
      await mine.close();
    }
  });
});
