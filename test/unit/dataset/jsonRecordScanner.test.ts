import { strict as assert } from 'node:assert';
import { JsonRecordScanner, type JsonSyntaxError, type ScannedRecord } from '../../../server/dataset/json/jsonRecordScanner';
import { findJsonSyntaxError } from '../../../server/dataset/json/jsonSyntax';
import { locateJsonField } from '../../../server/dataset/json/fieldLocator';

function scan(text: string, chunk = text.length + 1): { records: ScannedRecord[]; errors: JsonSyntaxError[] } {
  const records: ScannedRecord[] = [];
  const errors: JsonSyntaxError[] = [];
  const s = new JsonRecordScanner({ onRecord: (r) => records.push(r), onError: (e) => errors.push(e) });
  for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
  s.end();
  return { records, errors };
}

describe('JsonRecordScanner', () => {
  it('cuts an array into element texts with their start positions', () => {
    const text = '[\n  {"a": [1, {"b": "]}"}]},\n  "x\\"y",\n  -1.5e+3, true, null\n]';
    const { records, errors } = scan(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(records.map((r) => [r.text, r.line, r.column]), [
      ['{"a": [1, {"b": "]}"}]}', 2, 3],
      ['"x\\"y"', 3, 3],
      ['-1.5e+3', 4, 3],
      ['true', 4, 12],
      ['null', 4, 18],
    ]);
  });

  it('gives each member of an object keyed by id with its key and the key position', () => {
    const { records } = scan('{\n  "7": {"q": 1},\n  "8": {"q": 2}\n}');
    assert.deepEqual(records.map((r) => [r.key, r.keyLine, r.keyColumn, r.text, r.line, r.column]), [
      ['7', 2, 3, '{"q": 1}', 2, 8],
      ['8', 3, 3, '{"q": 2}', 3, 8],
    ]);
  });

  it('gives the same result for every chunk size', () => {
    const text = '[\n  {"a": "é😀\\u00e9", "n": [0, -0.5, 1E9]},\n  {"b": false}\n]\n';
    const whole = scan(text);
    for (let size = 1; size < 12; size++) assert.deepEqual(scan(text, size), whole, `chunks of ${size}`);
  });

  it('refuses a top level that is neither an array nor an object, and text after the end', () => {
    assert.deepEqual(scan('"just text"').errors, [{ line: 1, column: 1, message: `expected an array of records or an object keyed by id, found '"'` }]);
    assert.deepEqual(scan('[]\nx').errors, [{ line: 2, column: 1, message: "unexpected 'x' after the end of the JSON value" }]);
  });

  it('resumes at the next record start at the same indentation after an error', () => {
    const text = '[\n  {"a": 1,\n    "b": {"c": oops}},\n  {"a": 2}\n]';
    const { records, errors } = scan(text);
    assert.deepEqual(errors.map((e) => [e.line, e.column]), [[3, 16]]);
    assert.deepEqual(records.map((r) => r.text), ['{"a": 2}']);
  });

  it('reports the end of input inside a document', () => {
    assert.deepEqual(scan('[\n  {"a": 1}').errors, [{ line: 2, column: 11, message: "unexpected end of the input: missing ']'" }]);
  });
});

describe('findJsonSyntaxError (JSON Lines lines)', () => {
  const cases: [string, number, RegExp][] = [
    ['{"a":1', 7, /missing '\}'/],
    ['{"a":01}', 7, /expected ',' or '\}'/],
    ['{"a":"x\ty"}', 8, /control character U\+0009/],
    ['{"a":1}x', 8, /after the end/],
    ['[1,]', 4, /expected a JSON value/],
    ['{"a" 1}', 6, /expected ':'/],
    ['{"a":"\\q"}', 8, /invalid escape/],
    ['{"a":"\\u12G4"}', 11, /not a hex digit/],
    ['{"a":tru}', 9, /expected 'true'/],
    ['{"a":1.}', 8, /malformed number/],
    ['{a:1}', 2, /expected a property name/],
  ];
  for (const [text, column, message] of cases) {
    it(`${text}: column ${column}`, () => {
      const e = findJsonSyntaxError(text);
      assert.equal(e?.line, 1);
      assert.equal(e?.column, column);
      assert.match(e?.message ?? '', message);
      assert.throws(() => JSON.parse(text), 'the case must really be invalid JSON');
    });
  }

  it('accepts what JSON.parse accepts', () => {
    for (const t of ['{}', '[]', '0', '-0.0e-0', '"\\ud83d\\ude00"', '{"a":[{"b":null}],"c":true}', ' {"a" : 1 } ']) assert.equal(findJsonSyntaxError(t), undefined, t);
  });
});

describe('locateJsonField', () => {
  const text = '{"id": 3,\n "options": {"A": "x",\n   "C": 3},\n "list": ["a", {"k": "v"}]}';
  it('finds nested values by key path and array index', () => {
    assert.deepEqual(locateJsonField(text, { line: 10, column: 5 }, ['id']), { line: 10, column: 12 });
    assert.deepEqual(locateJsonField(text, { line: 10, column: 5 }, ['options', 'C']), { line: 12, column: 9 });
    assert.deepEqual(locateJsonField(text, { line: 10, column: 5 }, ['list', 1, 'k']), { line: 13, column: 22 });
  });
  it('falls back to the deepest part of the path that exists', () => {
    assert.deepEqual(locateJsonField(text, { line: 1, column: 1 }, ['options', 'E']), { line: 2, column: 13 });
    assert.deepEqual(locateJsonField(text, { line: 1, column: 1 }, ['nothing']), { line: 1, column: 1 });
  });
});
