import { strict as assert } from 'node:assert';
import { adjudicationView, CONSENSUS_RATER } from '../../../server/project/adjudication';
import type { OpenProject } from '../../../server/project/project';
import { defaultRubric, rubricContentHash } from '../../../server/rubric';
import { openSampleProject } from './projectHarness';

const rubric = defaultRubric();
const hash = rubricContentHash(rubric);

function values(choiceIndex: number): Record<string, string | number | boolean> {
  return Object.fromEntries(rubric.axes.filter((a) => a.choices.length).map((a) => [a.id, a.choices[Math.min(choiceIndex, a.choices.length - 1)]!.value]));
}

async function rateAll(p: OpenProject, uid: string, rater: string, choice: number, overall: number): Promise<void> {
  for (const a of (await p.store.getQuestion(uid, rater)).answers) {
    await p.store.saveRating({ rater, answerUid: a.uid, rubricHash: hash, values: values(choice), overall, comment: `${rater} says`, blind: true });
  }
}

async function adjudication(p: OpenProject, uid: string, rater: string) {
  return adjudicationView(await p.store.getQuestion(uid, rater), await p.store.ratingsOfQuestion(uid), { rater, rubricKey: rubric.id, rouge: p.rouge, studyModels: p.models });
}

describe('adjudication of a question', () => {
  it("hides the other raters' ratings until this rater has rated every answer, then shows them with names", async () => {
    const h = await openSampleProject();
    try {
      const p = await h.project.ready();
      const uid = (await p.store.listQuestions({ limit: 100 })).rows.find((r) => r.answerCount >= 2)!.uid;
      await rateAll(p, uid, 'dr-b', 0, 4);
      const locked = await adjudication(p, uid, 'dr-a');
      assert.deepEqual(locked, { questionId: uid, available: false, answers: [] });

      await rateAll(p, uid, 'dr-a', 1, 2);
      const open = await adjudication(p, uid, 'dr-a');
      assert.equal(open.available, true);
      for (const a of open.answers) {
        assert.ok(a.answer.model, 'model names are revealed');
        assert.deepEqual(a.ratings.map((r) => r.rater).sort(), ['dr-a', 'dr-b']);
        assert.ok(a.disagreements.includes('overall'));
        assert.ok(a.disagreements.includes('harm_extent'), 'choice 0 vs 1 differ on a three-choice axis');
        assert.equal(a.answer.myRating, null, 'no consensus yet');
      }
    } finally {
      await h.close();
    }
  });

  it('lists no disagreement where raters agree, and shows the consensus once recorded', async () => {
    const h = await openSampleProject();
    try {
      const p = await h.project.ready();
      const uid = (await p.store.listQuestions({ limit: 100 })).rows.find((r) => r.answerCount >= 2)!.uid;
      await rateAll(p, uid, 'dr-a', 0, 3);
      await rateAll(p, uid, 'dr-b', 0, 3);
      await p.store.addRater(CONSENSUS_RATER, 'consensus');
      const first = (await p.store.getQuestion(uid, 'dr-a')).answers[0]!;
      await p.store.saveRating({ rater: CONSENSUS_RATER, answerUid: first.uid, rubricHash: hash, values: values(0), overall: 3, comment: 'agreed', blind: false });
      const view = await adjudication(p, uid, 'dr-a');
      for (const a of view.answers) {
        assert.deepEqual(a.disagreements, []);
        assert.ok(!a.ratings.some((r) => r.rater === CONSENSUS_RATER), 'the consensus is not one of the raters');
      }
      const withConsensus = view.answers.find((a) => a.answer.id === first.uid)!;
      assert.equal(withConsensus.answer.myRating?.comment, 'agreed');
    } finally {
      await h.close();
    }
  });
});
