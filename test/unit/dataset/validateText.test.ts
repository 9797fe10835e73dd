import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryImportSink, validateDatasetText } from '../../../server/dataset';
import { repoRoot } from '../../helpers/shared';
import { importFiles, TempDir, where } from './tempFiles';

describe('validateDatasetText (diagnostics on an open, unsaved document)', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  it('reports exactly what an import of the same text reports', async () => {
    const text = [
      '\uFEFF{"id":"m1","question":"Q?","options":{"A":"x","B":"y"},"answer_idx":"A","answer":"x"}',
      '{"id":"m1","question":"Q2?","options":{"A":"x","B":"y"},"answer_idx":"A"}',
      '{"id":"m2","question":"Q3?","options":{"A":"x","B":7},"answer_idx":"A"}',
      '{"id":"m3","question":"Q4?"',
    ].join('\n');
    const file = dir.write('draft.jsonl', text);
    const imported = await importFiles(dir.path, [file]);
    const validated = validateDatasetText(file, text);
    assert.deepEqual(validated, imported.problems);
    assert.deepEqual(validated.map((p) => [p.line, p.code]), [
      [1, 'bom'],
      [2, 'duplicate-id'],
      [3, 'wrong-type'],
      [4, 'invalid-json'],
    ]);
  });

  it('checks an answers file on its own, and against questions when given them', () => {
    const text = '{"question_id":"mcq-x","model":"m","output":"<think>r</think>a"}\n{"question_id":"mcq-y","model":"m","output":7}\n';
    assert.deepEqual(validateDatasetText('a.jsonl', text).map(where), [{ line: 2, column: 45, field: 'output', code: 'wrong-type', severity: 'error' }]);
    const questions = new MemoryImportSink();
    questions.addQuestions([{ id: 'mcq-y', text: 'Y?', kind: 'open', source: { file: 'q', line: 1 } }]);
    assert.deepEqual(validateDatasetText('a.jsonl', text, { questions }).map((p) => [p.line, p.code]), [
      [1, 'unknown-question'],
      [2, 'wrong-type'],
    ]);
  });

  it('finds nothing wrong in the sample workspace files', () => {
    for (const name of ['questions.jsonl', 'medqa-style.jsonl', 'answers/r1-distill-med-8b.jsonl', 'answers/llama3-med-8b.jsonl', 'answers/mistral-med-7b.csv']) {
      assert.deepEqual(validateDatasetText(name, readFileSync(join(repoRoot, 'media', 'sample-workspace', name), 'utf8')), [], name);
    }
  });

  it('honours an explicit format', () => {
    const problems = validateDatasetText('x.jsonl', '{"Question":"Q?","Response":"a"}\n', { format: 'medqa' });
    assert.deepEqual(problems.map((p) => [p.field, p.code]), [
      ['question', 'missing-field'],
      ['options', 'missing-field'],
      ['answer_idx', 'missing-field'],
    ]);
  });
});
