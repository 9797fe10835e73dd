import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportProject, projectSummary } from '../../../server/project/projectExport';
import type { OpenProject } from '../../../server/project/project';
import { defaultRubric, rubricContentHash } from '../../../server/rubric';
import { openSampleProject } from './projectHarness';

const rubric = defaultRubric();
const hash = rubricContentHash(rubric);

function values(choiceIndex: number): Record<string, string | number | boolean> {
  return Object.fromEntries(rubric.axes.filter((a) => a.choices.length).map((a) => [a.id, a.choices[Math.min(choiceIndex, a.choices.length - 1)]!.value]));
}

/** Rates every answer of the first question with two or more answers; the rated answers' models. */
async function rateFirstQuestion(p: OpenProject, rater: string, overall: (i: number) => number): Promise<string[]> {
  const uid = (await p.store.listQuestions({ limit: 100 })).rows.find((r) => r.answerCount >= 2)!.uid;
  const answers = (await p.store.getQuestion(uid, rater)).answers;
  for (const [i, a] of answers.entries()) {
    await p.store.saveRating({ rater, answerUid: a.uid, rubricHash: hash, values: values(i), overall: overall(i), comment: `${rater} on ${a.model}`, blind: false });
  }
  return answers.map((a) => a.model);
}

describe('export and summary of the open project (what the panel asks the server for)', () => {
  it('writes every rating to the file named, with the project’s ROUGE, and says how many', async () => {
    const h = await openSampleProject();
    try {
      const p = await h.project.ready();
      const models = await rateFirstQuestion(p, 'dr-a', (i) => 5 - i);
      const path = join(h.workspace, 'ratings.jsonl');
      const result = await exportProject(p, { format: 'jsonl', path });
      assert.equal(result.ratings, models.length);
      assert.equal(result.written, models.length);
      const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { rater: string; comment: string; answer: { model: string }; rouge: { answer: { rouge1?: unknown } | null } });
      assert.deepEqual(lines.map((l) => l.answer.model).sort(), [...models].sort());
      assert.ok(lines.every((l) => l.rouge.answer?.rouge1 !== undefined), 'ROUGE-1 against the reference, as the project computes it');
      assert.ok(lines.every((l) => l.rater === 'dr-a' && l.comment.startsWith('dr-a on ')));
      assert.ok(!existsSync(`${path}.partial`), 'no partial file is left behind');
    } finally {
      await h.close();
    }
  });

  it('builds DPO pairs with the active rubric from rating differences, and refuses a relative path', async () => {
    const h = await openSampleProject();
    try {
      const p = await h.project.ready();
      await rateFirstQuestion(p, 'dr-a', (i) => (i === 0 ? 5 : 2));
      const path = join(h.workspace, 'pairs.jsonl');
      const result = await exportProject(p, { format: 'dpo', path });
      assert.equal(result.rubricKey, rubric.id);
      const pairs = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { prompt: string; chosen: string; rejected: string });
      assert.ok(pairs.length >= 1 && pairs.every((x) => x.prompt && x.chosen !== x.rejected));
      await assert.rejects(exportProject(p, { format: 'jsonl', path: 'relative.jsonl' }), /must be absolute/);
    } finally {
      await h.close();
    }
  });

  it('summarizes per model with the active rubric, counting only answers with enough raters', async () => {
    const h = await openSampleProject();
    try {
      const p = await h.project.ready();
      const models = await rateFirstQuestion(p, 'dr-a', () => 4);
      const summary = await projectSummary(p, {});
      assert.equal(summary.rubric.id, rubric.id);
      assert.deepEqual(summary.models.map((m) => m.model).sort(), [...new Set(models)].sort());
      const twoRaters = await projectSummary(p, { minRaters: 2 });
      assert.equal(twoRaters.models.length, 0, 'one rater is not enough when two are asked for');
      // The panel receives it as JSON: nothing in it may be lost on the way.
      assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
    } finally {
      await h.close();
    }
  });

  it('in a blind study, opens neither summary nor export before this rater has rated every answer', async () => {
    const h = await openSampleProject({ blind: true });
    try {
      const p = await h.project.ready();
      await rateFirstQuestion(p, 'dr-a', () => 4);
      await assert.rejects(projectSummary(p, {}), /blind review: the summary .* \(\d+ of 19 rated\)/);
      await assert.rejects(exportProject(p, { format: 'jsonl', path: join(h.workspace, 'x.jsonl') }), /blind review: an export/);
      assert.ok(!existsSync(join(h.workspace, 'x.jsonl')));
    } finally {
      await h.close();
    }
  });
});
