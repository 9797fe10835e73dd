import { strict as assert } from 'node:assert';
import { importFiles, jsonl, TempDir, where } from './tempFiles';

/** 1-based column of `needle` in `line` (plus `offset`), computed from the text the test wrote. */
function col(line: string, needle: string, offset = 0): number {
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in ${line}`);
  return at + 1 + offset;
}

describe('bad input is reported with file, line, column and field, and valid rows are still taken', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  const mcq = (id: string, extra: Record<string, unknown> = {}) => ({ id, question: `Question ${id}?`, options: { A: 'x', B: 'y' }, answer_idx: 'A', answer: 'x', ...extra });

  it('a malformed JSON Lines line: the column where it breaks', async () => {
    const bad = '{"Question":"B?","Response":"b"';
    const file = dir.write('broken.jsonl', `{"Question":"A?","Response":"a"}\n${bad}\n{"Question":"C?","Response":"c"}\n`);
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 2, column: bad.length + 1, field: undefined, code: 'invalid-json', severity: 'error' }]);
    assert.match(r.problems[0]?.message ?? '', /missing '\}'/);
    assert.equal(r.problems[0]?.file, file);
    assert.deepEqual([r.report.files[0]?.taken, r.report.files[0]?.rejected, r.report.ok], [2, 1, false]);
  });

  it('a missing field and an empty one: the record start, named', async () => {
    const file = dir.write('missing.jsonl', jsonl([{ Question: 'A?', Response: 'a' }, { Question: 'D?', Complex_CoT: 'x' }, { Question: '  ', Response: 'e' }]));
    const r = await importFiles(dir.path, [file]);
    const third = JSON.stringify({ Question: '  ', Response: 'e' });
    assert.deepEqual(r.problems.map(where), [
      { line: 2, column: 1, field: 'Response', code: 'missing-field', severity: 'error' },
      { line: 3, column: col(third, '"  "'), field: 'Question', code: 'empty-field', severity: 'error' },
    ]);
    assert.equal(r.report.files[0]?.taken, 1);
  });

  it('a wrong type deep in a record: the value, with its key path', async () => {
    const row = mcq('m1', { options: { A: 'x', B: 'y', C: 3 } });
    const file = dir.write('wrongtype.jsonl', jsonl([mcq('m0'), row]));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 2, column: col(JSON.stringify(row), ':3') + 1, field: 'options.C', code: 'wrong-type', severity: 'error' }]);
    assert.match(r.problems[0]?.message ?? '', /'options\.C' must be non-empty text, not number 3/);
  });

  it('an answer_idx that is not an option, and an answer that disagrees with its option', async () => {
    const badIdx = mcq('m2', { answer_idx: 'E' });
    const mismatch = mcq('m3', { answer: 'z' });
    const file = dir.write('answeridx.jsonl', jsonl([badIdx, mismatch]));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [
      { line: 1, column: col(JSON.stringify(badIdx), '"E"'), field: 'answer_idx', code: 'invalid-value', severity: 'error' },
      { line: 2, column: col(JSON.stringify(mismatch), '"z"'), field: 'answer', code: 'answer-mismatch', severity: 'warning' },
    ]);
    assert.deepEqual(r.sink.questions.map((q) => q.reference), [{ answer: 'x', label: 'A' }]);
  });

  it('a duplicate id: the later id, naming the first', async () => {
    const file = dir.write('dup.jsonl', jsonl([mcq('m1'), mcq('m2'), mcq('m1')]));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 3, column: col(JSON.stringify(mcq('m1')), '"m1"'), field: 'id', code: 'duplicate-id', severity: 'error' }]);
    assert.match(r.problems[0]?.message ?? '', /dup\.jsonl:1/);
    assert.deepEqual([r.report.files[0]?.taken, r.report.files[0]?.rejected], [2, 1]);
  });

  it('the same question text twice, without ids: the later record', async () => {
    const file = dir.write('duptext.jsonl', jsonl([{ Question: 'Same?', Response: 'a' }, { Question: ' Same?', Response: 'b' }]));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 2, column: 1, field: undefined, code: 'duplicate-id', severity: 'error' }]);
  });

  it('a model answer for an unknown question, by id and by text', async () => {
    const questions = dir.write('q.jsonl', jsonl([mcq('known')]));
    const byId = { question_id: 'nope', model: 'm', output: 'x' };
    const byText = { question: 'Never asked?', model: 'm', output: 'x' };
    const answers = dir.write('unknown-answers.jsonl', jsonl([{ question_id: 'known', model: 'm', output: 'ok' }, byId, byText]));
    const r = await importFiles(dir.path, [answers, questions]);
    assert.deepEqual(r.problems.map(where), [
      { line: 2, column: col(JSON.stringify(byId), '"nope"'), field: 'question_id', code: 'unknown-question', severity: 'error' },
      { line: 3, column: col(JSON.stringify(byText), '"Never'), field: 'question', code: 'unknown-question', severity: 'error' },
    ]);
    assert.deepEqual(r.sink.answers.map((a) => a.questionId), ['known']);
    assert.deepEqual(r.report.files.map((f) => [f.file, f.taken, f.rejected]), [
      [answers, 1, 2],
      [questions, 1, 0],
    ]);
  });

  it('an unknown id with a known question text: matched by text, with a warning', async () => {
    const questions = dir.write('q2.jsonl', jsonl([mcq('k2')]));
    const row = { id: 'old-7', question: 'Question k2?', model: 'm', output: 'x' };
    const answers = dir.write('bytext.jsonl', jsonl([row]));
    const r = await importFiles(dir.path, [questions, answers]);
    assert.deepEqual(r.problems.map(where), [{ line: 1, column: col(JSON.stringify(row), '"old-7"'), field: 'id', code: 'unknown-question-id', severity: 'warning' }]);
    assert.deepEqual(r.sink.answers.map((a) => a.questionId), ['k2']);
    assert.equal(r.report.ok, true);
  });

  it('a wrong-typed generation parameter and a duplicate answer', async () => {
    const questions = dir.write('q3.jsonl', jsonl([mcq('k3')]));
    const badParam = { question_id: 'k3', model: 'm2', output: 'x', params: { temperature: 'hot', top_p: 0.9 } };
    const rows = [{ question_id: 'k3', model: 'm', output: 'a' }, { question_id: 'k3', model: 'm', output: 'b' }, badParam, { question_id: 'k3', model: 'm', output: 'c', sample: 1 }];
    const answers = dir.write('params.jsonl', jsonl(rows));
    const r = await importFiles(dir.path, [questions, answers]);
    assert.deepEqual(r.problems.map(where), [
      { line: 2, column: 1, field: undefined, code: 'duplicate-answer', severity: 'error' },
      { line: 3, column: col(JSON.stringify(badParam), '"hot"'), field: 'params.temperature', code: 'wrong-type', severity: 'error' },
    ]);
    assert.deepEqual(r.sink.answers.map((a) => [a.raw, a.sample]), [['a', undefined], ['c', 1]]);
  });

  it('a JSON array with a broken record in the middle: the error, then reading goes on', async () => {
    const broken = '  {"Question": "B?", "Response": b},';
    const file = dir.write('array.json', ['[', '  {"Question": "A?", "Response": "a"},', broken, '  {"Question": "C?", "Response": "c"}', ']', ''].join('\n'));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 3, column: col(broken, ': b') + 2, field: undefined, code: 'invalid-json', severity: 'error' }]);
    assert.deepEqual(r.sink.questions.map((q) => [q.text, q.source.line]), [['A?', 2], ['C?', 4]]);
    assert.deepEqual([r.report.files[0]?.container, r.report.files[0]?.taken, r.report.files[0]?.rejected], ['json', 2, 1]);
  });

  it('a PubMedQA object with a bad label and a repeated PubMed id', async () => {
    const first = '  "101": {"QUESTION": "Q1?", "LONG_ANSWER": "L", "final_decision": "perhaps"},';
    const file = dir.write('pubmed.json', ['{', first, '  "102": {"QUESTION": "Q2?", "LONG_ANSWER": "L", "final_decision": "Yes"},', '  "102": {"QUESTION": "Q3?", "LONG_ANSWER": "L", "final_decision": "no"}', '}'].join('\n'));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [
      { line: 2, column: col(first, '"perhaps"'), field: 'final_decision', code: 'invalid-value', severity: 'error' },
      { line: 4, column: 3, field: undefined, code: 'duplicate-id', severity: 'error' },
    ]);
    assert.deepEqual(r.sink.questions.map((q) => [q.id, q.reference?.label]), [['102', 'yes']]);
  });

  it('CSV: a wrong type in a cell, a short row, a malformed quote; the good rows are taken', async () => {
    const questions = dir.write('q4.jsonl', jsonl(['q1', 'q2', 'q3', 'q4', 'q5'].map((id) => mcq(id))));
    const lines = ['question_id,model,output,temperature', 'q1,m,"<think>r</think>a",0.7', 'q2,m,"x",hot', 'q3,m,"y"', 'q4,m,"bad"quote,0.1', 'q5,m,"ok",0.2'];
    const answers = dir.write('answers.csv', lines.join('\r\n') + '\r\n');
    const r = await importFiles(dir.path, [answers, questions]);
    assert.deepEqual(r.problems.map(where), [
      { line: 3, column: col(lines[2] as string, 'hot'), field: 'temperature', code: 'wrong-type', severity: 'error' },
      { line: 4, column: 1, field: undefined, code: 'invalid-csv', severity: 'error' },
      { line: 5, column: col(lines[4] as string, 'quote'), field: undefined, code: 'invalid-csv', severity: 'error' },
    ]);
    assert.deepEqual(r.sink.answers.map((a) => [a.questionId, a.split.answer, a.params?.temperature]), [['q1', 'a', 0.7], ['q5', 'ok', 0.2]]);
  });

  it('a UTF-8 byte order mark: a warning at 1:1, every row still taken', async () => {
    const file = dir.write('bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonl([{ Question: 'A?', Response: 'a' }, { Question: 'B?', Response: 'b' }]))]));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 1, column: 1, field: undefined, code: 'bom', severity: 'warning' }]);
    assert.deepEqual([r.report.files[0]?.taken, r.report.ok], [2, true]);
    assert.equal(r.sink.questions[0]?.text, 'A?');
  });

  it('invalid UTF-8: its line and UTF-16 column and the field it is in; that record alone is rejected', async () => {
    const prefix = '{"Question":"Fièvre 😀 ?","Response":"Gi';
    const bytes = Buffer.concat([Buffer.from(jsonl([{ Question: 'A?', Response: 'a' }])), Buffer.from(prefix), Buffer.from([0xc3, 0x28]), Buffer.from('ve"}\n'), Buffer.from(jsonl([{ Question: 'C?', Response: 'c' }]))]);
    const file = dir.write('badutf8.jsonl', bytes);
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 2, column: prefix.length + 1, field: 'Response', code: 'invalid-utf8', severity: 'error' }]);
    assert.match(r.problems[0]?.message ?? '', /C3/);
    assert.deepEqual(r.sink.questions.map((q) => q.text), ['A?', 'C?']);
    assert.deepEqual([r.report.files[0]?.taken, r.report.files[0]?.rejected], [2, 1]);
  });

  it('a UTF-16 file is refused at 1:1', async () => {
    const file = dir.write('utf16.jsonl', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Question":"A?","Response":"a"}\n', 'utf16le')]));
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 1, column: 1, field: undefined, code: 'utf16', severity: 'error' }]);
    assert.deepEqual([r.report.files[0]?.taken, r.report.ok], [0, false]);
  });

  it('a record of no known format, a non-object line, and a missing file', async () => {
    const file = dir.write('odd.jsonl', '{"foo": 1}\n[1, 2]\n');
    const r = await importFiles(dir.path, [file, 'no-such-file.jsonl']);
    assert.deepEqual(r.problems.map(where), [
      { line: 1, column: 1, field: undefined, code: 'unknown-format', severity: 'error' },
      { line: 2, column: 1, field: undefined, code: 'wrong-type', severity: 'error' },
      { line: 1, column: 1, field: undefined, code: 'unreadable-file', severity: 'error' },
    ]);
    assert.equal(r.problems[2]?.file, 'no-such-file.jsonl');
    assert.equal(r.report.ok, false);
  });

  it('a JSON Lines file named .json whose first line is broken is still read line by line', async () => {
    const file = dir.write('lines.json', '{"Question":"A?","Response":\n{"Question":"B?","Response":"b"}\n{"Question":"C?","Response":"c"}\n');
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 1, column: 29, field: undefined, code: 'invalid-json', severity: 'error' }]);
    assert.deepEqual([r.report.files[0]?.container, r.report.files[0]?.taken], ['jsonl', 2]);
  });

  it('CRLF line endings count lines the same', async () => {
    const row = { question: 'Q?', options: { A: 'x', B: 'y' }, answer_idx: 'C' };
    const file = dir.write('crlf.jsonl', `${JSON.stringify(mcq('c1'))}\r\n${JSON.stringify(row)}\r\n`);
    const r = await importFiles(dir.path, [file]);
    assert.deepEqual(r.problems.map(where), [{ line: 2, column: col(JSON.stringify(row), '"C"'), field: 'answer_idx', code: 'invalid-value', severity: 'error' }]);
  });
});
