import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDatasets } from '../../../server/dataset';
import { openStore, StoreImportSink, type Store } from '../../../server/store';
import { sharedPath } from '../../helpers/shared';
import { makeTempDir } from './tempDatabase';

/** Model-answer rows naming their question by its text, as the seed study's files did. */
function writeAnswers(path: string, model: string, questions: string[]): void {
  const rows = questions.map((q, i) => JSON.stringify({ question: q, model, output: `<think>Reasoning ${i}.</think>\nAnswer ${i}.`, temperature: 0.6 }));
  writeFileSync(path, rows.join('\n') + '\n');
}

describe('store: as the sink of the dataset importer', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let questions: string[];

  beforeEach(async () => {
    tmp = makeTempDir();
    store = await openStore(tmp.db);
    questions = readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { question: string }).question);
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('imports the real MedQA file and an answers file, and records each file’s counts on the set', async () => {
    const answers = join(tmp.dir, 'model-a.jsonl');
    writeAnswers(answers, 'model-a', questions.slice(0, 40));
    const sink = await StoreImportSink.open(store, 'medqa');
    const report = await importDatasets([sharedPath('data', 'medqa_usmle.jsonl'), answers], {}, sink);
    const summary = await sink.finish(report.files);
    assert.equal(report.questions, 120);
    assert.equal(report.answers, 40);
    assert.deepEqual(summary.questions, { added: 120, existing: 0 });
    assert.deepEqual(summary.answers, { added: 40, existing: 0 });
    const [set] = await store.questionSets();
    assert.deepEqual(set!.files.map((f) => [f.taken, f.rejected]), [
      [120, 0],
      [40, 0],
    ]);
    const first = (await store.listQuestions({ set: 'medqa', limit: 1 })).rows[0]!;
    const detail = await store.getQuestion(first.uid);
    assert.equal(detail.question.text, questions[0]);
    assert.deepEqual([detail.answers[0]!.split.reasoning, detail.answers[0]!.split.answer], ['Reasoning 0.', 'Answer 0.']);
  });

  it('matches a later answers file to questions stored by an earlier import', async () => {
    const first = await StoreImportSink.open(store, 'medqa');
    await first.finish((await importDatasets([sharedPath('data', 'medqa_usmle.jsonl')], {}, first)).files);
    const answers = join(tmp.dir, 'model-b.jsonl');
    writeAnswers(answers, 'model-b', questions.slice(60, 70));
    const second = await StoreImportSink.open(store, 'medqa');
    const report = await importDatasets([answers], {}, second);
    const summary = await second.finish(report.files);
    assert.equal(report.rejected, 0);
    assert.deepEqual(summary.answers, { added: 10, existing: 0 });
    assert.deepEqual(summary.questions, { added: 0, existing: 0 });
    assert.equal((await store.listQuestions({ set: 'medqa', model: 'model-b' })).total, 10);
  });
});
