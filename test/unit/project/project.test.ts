import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { questionView } from '../../../server/project/questionView';
import { openSampleProject } from './projectHarness';

describe('the review project (language server core over the SQLite store)', () => {
  it('creates the database in the workspace and imports the configured sample datasets', async () => {
    const h = await openSampleProject();
    try {
      assert.ok(existsSync(join(h.workspace, '.medreview', 'review.sqlite')));
      const status = h.statuses.at(-1)!;
      assert.equal(status.state, 'ready');
      assert.equal(status.questionCount, 10);
      assert.equal(status.answerCount, 19);
      assert.equal(status.files.length, 5);
      assert.ok(status.files.every((f) => f.rejected === 0));
      const p = await h.project.ready();
      assert.deepEqual(p.models, ['demo/llama3-med-8b', 'demo/mistral-med-7b', 'demo/r1-distill-med-8b']);
      // Built aside by the first import and linked in complete (store/newDatabase.ts): nothing of the build is left.
      assert.ok(h.log.some((l) => l.startsWith('creating the review database')), h.log.join('\n'));
      assert.deepEqual(readdirSync(join(h.workspace, '.medreview')).filter((f) => f.includes('.new-')), []);
      assert.deepEqual(await p.store.integrityCheck(), ['ok']);
    } finally {
      await h.close();
    }
  });

  it('does not read unchanged files again on the next start, but re-imports a changed one', async () => {
    const first = await openSampleProject();
    await first.close(false);
    const second = await openSampleProject({}, first.workspace);
    try {
      assert.ok(!second.log.some((l) => l.startsWith('importing')), second.log.join('\n'));
      const file = join(first.workspace, 'answers', 'llama3-med-8b.jsonl');
      const later = new Date(Date.now() + 60_000);
      utimesSync(file, later, later);
      await second.project.reload();
      assert.ok(second.log.some((l) => l.startsWith('importing 1 file(s)') && l.includes('llama3-med-8b.jsonl')), second.log.join('\n'));
      assert.equal(second.statuses.at(-1)?.answerCount, 19, 're-importing the same rows adds nothing');
    } finally {
      await second.close();
    }
  });

  it('reports a database path that holds another kind of file, and leaves it untouched', async () => {
    const text = 'these are my notes, not a database\n';
    const h = await openSampleProject({ databasePath: 'notes.txt' }, undefined, (ws) => writeFileSync(join(ws, 'notes.txt'), text));
    try {
      const status = h.statuses.at(-1)!;
      assert.equal(status.state, 'error');
      assert.match(status.message ?? '', /notes\.txt/);
      assert.equal(readFileSync(join(h.workspace, 'notes.txt'), 'utf8'), text);
      await assert.rejects(h.project.ready(), /notes\.txt/);
    } finally {
      await h.close();
    }
  });

  it('shows a question with ROUGE against the reference, and accuracy where the question has a label', async () => {
    const h = await openSampleProject();
    try {
      const p = await h.project.ready();
      const list = await p.store.listQuestions({ search: 'peaked T waves', rater: p.rater });
      const detail = await p.store.getQuestion(list.rows[0]!.uid, p.rater);
      const view = questionView(detail, { rater: p.rater, blind: false, rubricKey: p.rubric.rubric.id, rouge: p.rouge, studyModels: p.models });
      assert.equal(view.kind, 'multiple-choice');
      assert.ok(view.answers.length >= 1);
      for (const a of view.answers) {
        assert.ok(a.accuracy, 'a multiple-choice answer is graded against answer_idx');
        assert.equal(a.accuracy.label, detail.question.reference?.label);
        assert.deepEqual(Object.keys(a.rouge.answer ?? {}).sort(), ['rouge1', 'rouge2', 'rougeL']);
        assert.equal(a.model, a.label, 'not blind: the label is the model');
      }
    } finally {
      await h.close();
    }
  });
});
