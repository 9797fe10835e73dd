import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { importDatasets, MemoryImportSink } from '../../../server/dataset';
import { sharedPath } from '../../helpers/shared';
import type { Problem } from '../../../server/problem';

interface O1 { Question: string; Complex_CoT: string; Response: string }
interface MedQA { question: string; answer: string; options: Record<string, string>; answer_idx: string }
interface PubMedQA { QUESTION: string; CONTEXTS: string[]; LONG_ANSWER: string; final_decision: string }

describe('importing the real shared datasets', () => {
  const files = ['medical_o1_sft.json', 'medqa_usmle.jsonl', 'pubmedqa_pqal.json'].map((f) => sharedPath('data', f));
  const sink = new MemoryImportSink();
  const problems: Problem[] = [];
  before(async function () {
    this.timeout(30_000);
    await importDatasets(files, { onProblem: (p) => problems.push(p) }, sink);
  });

  it('takes every row without a single problem', () => {
    assert.deepEqual(problems, []);
    assert.equal(sink.questions.length, 120 + 120 + 300);
  });

  it('turns all 120 medical-o1 rows into open questions with Response and Complex_CoT as reference', () => {
    const rows = JSON.parse(readFileSync(files[0] as string, 'utf8')) as O1[];
    const got = sink.questions.filter((q) => q.source.file === files[0]);
    assert.equal(got.length, 120);
    got.forEach((q, i) => {
      const row = rows[i] as O1;
      assert.equal(q.kind, 'open');
      assert.equal(q.text, row.Question.trim());
      assert.deepEqual(q.reference, { answer: row.Response.trim(), reasoning: row.Complex_CoT.trim() });
      assert.match(q.id, /^o1-[0-9a-f]{12}$/);
    });
    assert.equal(got[1]?.source.line, 7, 'the second element of the pretty-printed array starts on line 7');
  });

  it('turns all 120 MedQA rows into multiple-choice questions whose reference is the correct option', () => {
    const rows = readFileSync(files[1] as string, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as MedQA);
    const got = sink.questions.filter((q) => q.source.file === files[1]);
    assert.equal(got.length, 120);
    got.forEach((q, i) => {
      const row = rows[i] as MedQA;
      assert.equal(q.kind, 'multiple-choice');
      assert.deepEqual(q.options, row.options);
      assert.deepEqual(q.reference, { answer: row.answer, label: row.answer_idx });
      assert.equal(q.source.line, i + 1);
    });
  });

  it('turns all 300 PubMedQA items into yes/no/maybe questions keyed by PubMed id, in file order', () => {
    const text = readFileSync(files[2] as string, 'utf8');
    const items = JSON.parse(text) as Record<string, PubMedQA>;
    const fileOrder = [...text.matchAll(/^ {2}"(\d+)": \{$/gm)].map((m) => m[1]);
    const got = sink.questions.filter((q) => q.source.file === files[2]);
    assert.deepEqual(got.map((q) => q.id), fileOrder);
    for (const q of got) {
      const item = items[q.id] as PubMedQA;
      assert.equal(q.kind, 'yes-no-maybe');
      assert.equal(q.text, item.QUESTION);
      assert.deepEqual(q.context, item.CONTEXTS);
      assert.deepEqual(q.reference, { answer: item.LONG_ANSWER, label: item.final_decision });
    }
    assert.equal(got[0]?.source.line, 2);
  });
});

describe('importing the real seed model answers', () => {
  const seed = sharedPath('data', 'seed_model_answers.jsonl');

  it('rejects both when their question was imported from nowhere, pointing at the id', async () => {
    const problems: Problem[] = [];
    const report = await importDatasets([seed], { onProblem: (p) => problems.push(p) }, new MemoryImportSink());
    assert.equal(report.ok, false);
    assert.deepEqual([report.files[0]?.taken, report.files[0]?.rejected], [0, 2]);
    assert.deepEqual(problems.map((p) => [p.line, p.column, p.field, p.code]), [
      [1, 8, 'id', 'unknown-question'],
      [2, 8, 'id', 'unknown-question'],
    ]);
  });

  it('creates the question from the rows when asked, and splits both outputs', async () => {
    const sink = new MemoryImportSink();
    const report = await importDatasets([seed], { createMissingQuestions: true }, sink);
    assert.equal(report.ok, true);
    assert.deepEqual(sink.questions.map((q) => [q.id, q.kind, q.reference]), [['seed-asthma-1', 'open', undefined]]);
    assert.deepEqual(sink.answers.map((a) => [a.questionId, a.model.split(' ')[0], a.split.state, a.split.flags]), [
      ['seed-asthma-1', 'unsloth/DeepSeek-R1-Distill-Llama-8B', 'complete', ['eos-stripped']],
      ['seed-asthma-1', 'unsloth/mistral-7b-instruct', 'unclosed', []],
    ]);
    assert.match(sink.answers[0]?.split.answer ?? '', /\*\*intubation\*\*.*respiratory failure\.$/s);
  });
});
