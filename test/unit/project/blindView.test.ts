import { strict as assert } from 'node:assert';
import { questionView, type ViewContext } from '../../../server/project/questionView';
import type { OpenProject } from '../../../server/project/project';
import { defaultRubric, rubricContentHash } from '../../../server/rubric';
import { openSampleProject } from './projectHarness';
import { listQuestions } from '../../../server/rpc/questionHandlers';

/** A complete rating under the default rubric: the first choice on every axis, overall 3. */
function completeValues(): Record<string, string | number | boolean> {
  return Object.fromEntries(defaultRubric().axes.filter((a) => a.choices.length).map((a) => [a.id, a.choices[0]!.value]));
}

async function view(p: OpenProject, questionUid: string, rater: string) {
  const ctx: ViewContext = { rater, blind: true, rubricKey: p.rubric.rubric.id, rouge: p.rouge, studyModels: p.models };
  return questionView(await p.store.getQuestion(questionUid, rater), ctx);
}

describe('blind review of a question', () => {
  it('hides model names, masks self-identification, and shuffles per rater', async () => {
    const h = await openSampleProject({ blind: true });
    try {
      const p = await h.project.ready();
      const rows = (await p.store.listQuestions({ rater: 'dr-a', limit: 100 })).rows.filter((r) => r.answerCount >= 3);
      let orderDiffers = false;
      for (const row of rows) {
        const a = await view(p, row.uid, 'dr-a');
        const b = await view(p, row.uid, 'dr-b');
        assert.ok(a.blind);
        assert.deepEqual(a.answers.map((x) => x.label), ['Answer A', 'Answer B', 'Answer C'].slice(0, a.answers.length));
        assert.ok(a.answers.every((x) => x.model === undefined), 'no model name reaches the panel while blind');
        // The hover details would name the source file (answers/<model>.jsonl), endpoint, model id or template.
        for (const x of a.answers) {
          const hover = JSON.stringify(x.details);
          for (const m of p.models) assert.ok(!hover.includes(m.split('/').pop()!), `${m} named in a blind answer's details: ${hover}`);
          assert.ok(!('source' in x.details) && !('model id' in x.details) && !('endpoint' in x.details) && !('template' in x.details));
        }
        for (const x of a.answers) for (const m of p.models) assert.ok(!x.answer.includes(m) && !x.reasoning.includes(m), `${m} named in a blind answer`);
        if (a.answers.map((x) => x.id).join() !== b.answers.map((x) => x.id).join()) orderDiffers = true;
      }
      assert.ok(orderDiffers, 'two raters see at least one question in different orders');

      const maker = (await p.store.listQuestions({ rater: 'dr-a', search: 'meningococcal', limit: 5 })).rows[0] ?? (await p.store.listQuestions({ rater: 'dr-a', search: 'non-blanching', limit: 5 })).rows[0];
      assert.ok(maker, 'the sample has the self-identifying answer');
      const v = await view(p, maker.uid, 'dr-a');
      assert.ok(v.answers.some((x) => x.unblinding), 'the answer that names its maker is flagged');
    } finally {
      await h.close();
    }
  });

  it('reveals names only after this rater has rated every answer, at the same positions', async () => {
    const h = await openSampleProject({ blind: true });
    try {
      const p = await h.project.ready();
      const row = (await p.store.listQuestions({ rater: 'dr-a', limit: 100 })).rows.find((r) => r.answerCount >= 2)!;
      const before = await view(p, row.uid, 'dr-a');
      const hash = rubricContentHash(defaultRubric());
      const [first, ...rest] = before.answers;
      await p.store.saveRating({ rater: 'dr-a', answerUid: first!.id, rubricHash: hash, values: completeValues(), overall: 3, comment: '', blind: true, shownPosition: first!.position });
      const partly = await view(p, row.uid, 'dr-a');
      assert.ok(partly.blind, 'still blind with answers left to rate');
      assert.ok(partly.answers.every((x) => x.model === undefined));
      for (const a of rest) await p.store.saveRating({ rater: 'dr-a', answerUid: a.id, rubricHash: hash, values: completeValues(), overall: 4, comment: '', blind: true, shownPosition: a.position });
      const after = await view(p, row.uid, 'dr-a');
      assert.equal(after.blind, false);
      assert.deepEqual(after.answers.map((x) => x.id), before.answers.map((x) => x.id), 'nothing moves on screen when names appear');
      assert.ok(after.answers.every((x) => x.model !== undefined && x.label === x.model));
      const stored = await p.store.ratingsOfQuestion(row.uid);
      assert.deepEqual(stored.map((r) => r.shownPosition).sort(), before.answers.map((x) => x.position).sort(), 'positions are stored with the ratings');
      const other = await view(p, row.uid, 'dr-b');
      assert.ok(other.blind, "another rater stays blind: one rater's ratings do not unblind the next");
    } finally {
      await h.close();
    }
  });

  it('lists no model names and ignores a model filter in a blind study', async () => {
    const h = await openSampleProject({ blind: true });
    try {
      const p = await h.project.ready();
      const all = await listQuestions(h.project, {});
      assert.equal(all.blind, true);
      assert.deepEqual(all.models, [], 'the model filter would tell which questions a model answered');
      const filtered = await listQuestions(h.project, { filters: { model: p.models[0]! } });
      assert.equal(filtered.total, all.total, 'a model filter saved before the study turned blind is ignored');
    } finally {
      await h.close();
    }
    const open = await openSampleProject();
    try {
      const p = await open.project.ready();
      const listed = await listQuestions(open.project, { filters: { model: p.models[0]! } });
      assert.equal(listed.blind, false);
      assert.deepEqual(listed.models, p.models);
      assert.ok(listed.total < (await listQuestions(open.project, {})).total, 'not blind: the filter applies');
    } finally {
      await open.close();
    }
  });
});
