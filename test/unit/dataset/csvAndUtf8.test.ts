import { strict as assert } from 'node:assert';
import { CsvRecordReader, type CsvRow, type CsvSyntaxError } from '../../../server/dataset/csv/csvRecordReader';
import { Utf8Decoder, type EncodingIssue } from '../../../server/dataset/text/utf8Decoder';

function readCsv(text: string, chunk = text.length + 1): { rows: CsvRow[]; errors: CsvSyntaxError[] } {
  const rows: CsvRow[] = [];
  const errors: CsvSyntaxError[] = [];
  const r = new CsvRecordReader({ onRow: (row) => rows.push(row), onError: (e) => errors.push(e) });
  for (let i = 0; i < text.length; i += chunk) r.push(text.slice(i, i + chunk));
  r.end();
  return { rows, errors };
}

describe('CsvRecordReader', () => {
  const text = 'a,b\r\n1,"x\r\n""y"""\r\n\r\n2,\r\n"3",4\r\n5,"bad"q\r\n6,7';

  it('reads quoted cells with doubled quotes and line breaks, skipping blank lines', () => {
    const { rows, errors } = readCsv(text);
    assert.deepEqual(rows.map((r) => [r.line, r.endLine, r.cells]), [
      [1, 1, ['a', 'b']],
      [2, 3, ['1', 'x\r\n"y"']],
      [5, 5, ['2', '']],
      [6, 6, ['3', '4']],
      [8, 8, ['6', '7']],
    ]);
    assert.deepEqual(rows[1]?.positions, [{ line: 2, column: 1 }, { line: 2, column: 3 }]);
    assert.deepEqual(errors.map((e) => [e.line, e.column]), [[7, 8]]);
  });

  it('gives the same rows for every chunk size', () => {
    const whole = readCsv(text);
    for (let size = 1; size < 8; size++) assert.deepEqual(readCsv(text, size), whole, `chunks of ${size}`);
  });

  it('reports a quoted cell that never closes at its opening quote', () => {
    assert.deepEqual(readCsv('a,b\n1,"open\n2,3\n').errors.map((e) => [e.line, e.column]), [[2, 3]]);
  });
});

function decode(bytes: number[], chunk: number): { text: string; issues: EncodingIssue[] } {
  const d = new Utf8Decoder();
  let text = '';
  const buf = Buffer.from(bytes);
  for (let i = 0; i < buf.length; i += chunk) text += d.decode(buf.subarray(i, i + chunk));
  text += d.decode(Buffer.alloc(0), true);
  return { text, issues: d.issues };
}

describe('Utf8Decoder', () => {
  const euro = [0xe2, 0x82, 0xac];
  const grin = [0xf0, 0x9f, 0x98, 0x80];

  it('decodes multi-byte characters cut across chunks', () => {
    for (let chunk = 1; chunk <= 5; chunk++) assert.deepEqual(decode([0x61, ...euro, 0x0a, ...grin, 0x62], chunk), { text: 'a€\n😀b', issues: [] });
  });

  it('marks invalid sequences (lone continuation, overlong, surrogate, truncated) where they stand', () => {
    const bytes = [0x61, 0x80, 0x0a, 0xc0, 0xaf, 0x0a, ...grin, 0xed, 0xa0, 0x80, 0x0a, 0xe2, 0x82];
    for (let chunk = 1; chunk <= 4; chunk++) {
      const { text, issues } = decode(bytes, chunk);
      assert.equal(text.split('\n').length, 4);
      assert.deepEqual(issues.map((i) => [i.line, i.column, i.bytes]), [
        [1, 2, '80'],
        [2, 1, 'C0'],
        [2, 2, 'AF'],
        [3, 3, 'ED'],
        [3, 4, 'A0'],
        [3, 5, '80'],
        [4, 1, 'E2 82'],
      ], `chunks of ${chunk}`);
    }
  });

  it('drops and reports a byte order mark, and refuses UTF-16', () => {
    assert.deepEqual(decode([0xef, 0xbb, 0xbf, 0x61], 1), { text: 'a', issues: [{ kind: 'bom', line: 1, column: 1, bytes: 'EF BB BF' }] });
    const d = new Utf8Decoder();
    assert.equal(d.decode(Buffer.from([0xff, 0xfe, 0x61, 0x00]), true), '');
    assert.equal(d.refused, true);
  });
});
