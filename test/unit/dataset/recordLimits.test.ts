import { strict as assert } from 'node:assert';
import { CsvRecords } from '../../../server/dataset/containers/csvRecords';
import { JsonDocumentRecords } from '../../../server/dataset/containers/jsonDocumentRecords';
import { JsonLinesRecords } from '../../../server/dataset/containers/jsonLinesRecords';
import type { ContainerReader, RecordEvents, SourceRecord, SyntaxProblem } from '../../../server/dataset/containers/sourceRecord';

/** Feeds `text` in 10-character chunks, as a stream would, and collects what the reader reports. */
function feed(make: (events: RecordEvents) => ContainerReader, text: string): { records: SourceRecord[]; errors: SyntaxProblem[] } {
  const records: SourceRecord[] = [];
  const errors: SyntaxProblem[] = [];
  const reader = make({ onRecord: (r) => records.push(r), onSyntaxError: (e) => errors.push(e) });
  for (let i = 0; i < text.length; i += 10) reader.push(text.slice(i, i + 10));
  reader.end();
  return { records, errors };
}

describe('a record that never ends is not buffered without bound', () => {
  const long = 'x'.repeat(300);

  it('JSON Lines: an over-long line is reported at its start and skipped; counting goes on', () => {
    const { records, errors } = feed((e) => new JsonLinesRecords(e, 100), `{"a":1}\n{"a":"${long}"}\n{"a":3}\n`);
    assert.deepEqual(errors.map((e) => [e.line, e.column, e.message]), [[2, 1, 'line longer than 100 characters: skipped']]);
    assert.deepEqual(records.map((r) => [r.line, r.value]), [[1, { a: 1 }], [3, { a: 3 }]]);
  });

  it('JSON array: an over-long record is reported where it starts, and the next record is read', () => {
    const { records, errors } = feed((e) => new JsonDocumentRecords(e, 100), `[\n  {"a": 1},\n  {"a": "${long}"},\n  {"a": 3}\n]`);
    assert.deepEqual(errors.map((e) => [e.line, e.column]), [[3, 3]]);
    assert.match(errors[0]?.message ?? '', /record longer than 100 characters/);
    assert.deepEqual(records.map((r) => r.value), [{ a: 1 }, { a: 3 }]);
  });

  it('CSV: a quote that never closes stops at the limit instead of swallowing the file', () => {
    const { records, errors } = feed((e) => new CsvRecords(e, 100), `a,b\n1,"${long}\n2,3\n`);
    assert.deepEqual(errors.map((e) => [e.line, e.column]), [[2, 3]]);
    assert.match(errors[0]?.message ?? '', /cell longer than 100 characters/);
    assert.deepEqual(records.map((r) => r.value), [{ a: '2', b: '3' }]);
  });
});
