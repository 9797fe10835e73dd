import { strict as assert } from 'node:assert';
import { preferenceChoice, preferenceView } from '../../../server/project/preferences';
import { openSampleProject } from './projectHarness';

describe('pairwise preferences as the rater saw them', () => {
  it('comes back as the same left/right pair and choice, whichever way the store orders the pair', async () => {
    const h = await openSampleProject();
    try {
      const p = await h.project.ready();
      const row = (await p.store.listQuestions({ rater: p.rater, limit: 100 })).rows.find((r) => r.answerCount >= 2)!;
      const [x, y] = (await p.store.getQuestion(row.uid, p.rater)).answers.map((a) => a.uid);
      // Both orders, so one of them is against the store's canonical (sorted) order.
      for (const [left, right] of [[x!, y!], [y!, x!]] as const) {
        for (const choice of ['left', 'right', 'tie', 'both-bad'] as const) {
          const saved = await p.store.savePreference({ rater: p.rater, answerA: left, answerB: right, choice: preferenceChoice(choice), blind: false, shownFirst: 'a' });
          assert.deepEqual(preferenceView(saved), { left, right, choice });
        }
      }
      const stored = (await p.store.getQuestion(row.uid, p.rater)).preferences;
      assert.equal(stored.length, 1, 'one preference per pair and rater: a new choice replaces the old');
      assert.deepEqual(preferenceView(stored[0]!), { left: y, right: x, choice: 'both-bad' });
    } finally {
      await h.close();
    }
  });
});
