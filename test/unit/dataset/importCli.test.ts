import { strict as assert } from 'node:assert';
import { PassThrough, Readable } from 'node:stream';
import { createImportCommand } from '../../../server/cli/commands/import';
import { MemoryImportSink, type ImportReport } from '../../../server/dataset';
import { runCliForTest } from '../../helpers/cliHarness';
import { repoRoot } from '../../helpers/shared';
import { jsonl, TempDir } from './tempFiles';

const SAMPLE = ['media/sample-workspace/answers/mistral-med-7b.csv', 'media/sample-workspace/answers/r1-distill-med-8b.jsonl', 'media/sample-workspace/answers/llama3-med-8b.jsonl', 'media/sample-workspace/questions.jsonl', 'media/sample-workspace/medqa-style.jsonl'];

describe('medreview import', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  it('validates the sample workspace: exit 0 and counts per file on stderr', async () => {
    const r = await runCliForTest(['import', ...SAMPLE], '', repoRoot);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^media\/sample-workspace\/questions\.jsonl: medical-o1 \(jsonl\): 6 questions taken, 0 rejected$/m);
    assert.match(r.stderr, /^media\/sample-workspace\/answers\/mistral-med-7b\.csv: model-answers \(csv\): 6 answers taken, 0 rejected$/m);
    assert.match(r.stderr, /^total: 10 questions, 19 answers taken; 0 rejected$/m);
    assert.equal(r.stdout, '');
  });

  it('prints problems as file:line:column and exits 1 when a row was rejected; --json on stdout', async () => {
    dir.write('q.jsonl', jsonl([{ Question: 'A?', Response: 'a' }, { Question: 'B?' }]));
    const r = await runCliForTest(['import', 'q.jsonl', '--json'], '', dir.path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^q\.jsonl:2:1: error \[Response\]: missing field 'Response'$/m);
    const report = JSON.parse(r.stdout) as { questions: number; rejected: number; ok: boolean; files: { problems: { line: number }[] }[] };
    assert.deepEqual([report.questions, report.rejected, report.ok, report.files[0]?.problems[0]?.line], [1, 1, false, 2]);
  });

  it('reads a file as the format named with --format, and names the model with --model', async () => {
    dir.write('q5.jsonl', jsonl([{ id: 'k', question: 'K?', options: { A: 'a', B: 'b' }, answer_idx: 'B', answer: 'b' }]));
    dir.write('run.jsonl', jsonl([{ question_id: 'k', output: 'B' }]));
    const r = await runCliForTest(['import', 'run.jsonl', 'q5.jsonl', '--model', 'my-model', '--json'], '', dir.path);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { answers: number }).answers, 1);
    const forced = await runCliForTest(['import', 'q5.jsonl', '--format', 'medical-o1'], '', dir.path);
    assert.equal(forced.code, 1);
    assert.match(forced.stderr, /q5\.jsonl:1:1: error \[Question\]: missing field 'Question'/);
  });

  it('with a store opener, --db imports into the store sink and hands it the report', async () => {
    dir.write('db-q.jsonl', jsonl([{ Question: 'A?', Response: 'a' }, { Question: 'B?', Response: 'b' }]));
    const sink = new MemoryImportSink();
    const opened: string[] = [];
    let finished: ImportReport | undefined;
    const command = createImportCommand((db) => {
      opened.push(db);
      return Promise.resolve({ sink, finish: (report) => void (finished = report) });
    });
    const stderr = new PassThrough();
    const code = await command.run(['db-q.jsonl', '--db', 'study.db'], { stdin: Readable.from([]), stdout: new PassThrough(), stderr, cwd: dir.path });
    assert.equal(code, 0);
    assert.deepEqual(opened, ['study.db']);
    assert.deepEqual(sink.questions.map((q) => q.text), ['A?', 'B?']);
    assert.equal(finished?.questions, 2);
    assert.doesNotMatch(String(stderr.read() ?? ''), /not available/);
  });

  it('refuses bad arguments with usage and exit 2', async () => {
    for (const args of [['import'], ['import', 'x.jsonl', '--format', 'excel'], ['import', 'x.jsonl', '--bogus'], ['import', 'x.jsonl', '--db']]) {
      const r = await runCliForTest(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: medreview import/);
    }
  });
});
