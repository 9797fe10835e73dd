import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem } from '../../../server/problem';
import { loadRubricFile, validateRubricText } from '../../../server/rubric';

/** 1-based line and column of the n-th occurrence of `needle`, counted by hand from the test text. */
function at(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `test text lacks ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

function only(problems: Problem[], code: string): Problem {
  const matching = problems.filter((p) => p.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got ${JSON.stringify(problems, null, 1)}`);
  return matching[0] as Problem;
}

function rubric(axes: string, extra = ''): string {
  return `{\n  "id": "study",\n  "version": "1",\n  "title": "Study",${extra}\n  "axes": [\n${axes}\n  ]\n}\n`;
}

const okAxis = '    { "id": "ok", "label": "OK", "kind": "boolean" }';

describe('rubric validation with positions', () => {
  it('accepts a minimal rubric and fills in the defaults', () => {
    const { rubric: r, problems } = validateRubricText(rubric(okAxis), 'a.rubric.json');
    assert.deepEqual(problems, []);
    assert.ok(r);
    assert.equal(r.axes[0]?.required, true);
    assert.deepEqual(r.overall, { label: 'Overall', required: true, choices: [] });
    assert.deepEqual(r.comment, { label: 'Comment', required: false });
  });

  it('places a JSON syntax error at its line and column and names the file', () => {
    const text = '{\n  "id": "x",\n  "version": "1"\n  "title": "T"\n}';
    const { rubric: r, problems } = validateRubricText(text, 'study.rubric.json');
    assert.equal(r, undefined);
    const p = only(problems, 'json-syntax');
    assert.equal(p.file, 'study.rubric.json');
    assert.deepEqual({ line: p.line, column: p.column }, at(text, '"title"'));
    assert.match(p.message, /',' expected/);
  });

  it('rejects comments, as every other JSON reader would', () => {
    const text = rubric(okAxis).replace('"axes"', '// note\n  "axes"');
    const p = only(validateRubricText(text, 'a').problems, 'json-syntax');
    assert.match(p.message, /comments are not allowed/);
    assert.deepEqual({ line: p.line, column: p.column }, at(text, '// note'));
  });

  it('reports a repeated key at the second occurrence and names the first line', () => {
    const text = rubric(okAxis, '\n  "title": "Again",');
    const p = only(validateRubricText(text, 'a').problems, 'duplicate-key');
    assert.deepEqual({ line: p.line, column: p.column }, at(text, '"title"', 2));
    assert.equal(p.field, 'title');
    assert.match(p.message, new RegExp(`first at line ${at(text, '"title"').line}`));
  });

  it('reports a missing required field at the object that lacks it, with the field path', () => {
    const text = rubric('    { "id": "a", "kind": "boolean" }');
    const p = only(validateRubricText(text, 'a').problems, 'missing-field');
    assert.equal(p.field, 'axes[0].label');
    assert.deepEqual({ line: p.line, column: p.column }, at(text, '{ "id": "a"'));
  });

  it('reports an unknown field at its key and suggests the likely intended one', () => {
    const text = rubric('    { "id": "a", "lable": "A", "label": "A", "kind": "boolean" }');
    const p = only(validateRubricText(text, 'a').problems, 'unknown-field');
    assert.equal(p.field, 'axes[0].lable');
    assert.deepEqual({ line: p.line, column: p.column }, at(text, '"lable"'));
    assert.match(p.message, /did you mean "label"/);
  });

  it('explains a wrong type and an unknown axis kind at the value', () => {
    const text = rubric('    { "id": "a", "label": 3, "kind": "likert" }');
    const problems = validateRubricText(text, 'a').problems;
    const type = only(problems, 'schema-type');
    assert.equal(type.field, 'axes[0].label');
    assert.equal(type.message, 'must be a string');
    const kind = only(problems, 'schema-enum');
    assert.deepEqual({ line: kind.line, column: kind.column }, at(text, '"likert"'));
    assert.match(kind.message, /"ordinal", "nominal", "interval", "boolean", "text"/);
  });

  it('uses the schema\'s own message for a bad id pattern', () => {
    const p = only(validateRubricText(rubric('    { "id": "9 lives", "label": "A", "kind": "boolean" }'), 'a').problems, 'schema-pattern');
    assert.equal(p.field, 'axes[0].id');
    assert.match(p.message, /starts with a letter/);
  });

  it('reports a duplicate axis id at the second axis', () => {
    const text = rubric(`${okAxis},\n${okAxis}`);
    const p = only(validateRubricText(text, 'a').problems, 'duplicate-axis-id');
    assert.equal(p.field, 'axes[1].id');
    assert.deepEqual({ line: p.line, column: p.column }, at(text, '"ok"', 2));
  });

  it('reports duplicate shortcut keys within an axis regardless of letter case', () => {
    const text = rubric('    { "id": "a", "label": "A", "kind": "nominal", "choices": [\n      { "value": "x", "label": "X", "key": "a" },\n      { "value": "y", "label": "Y", "key": "A" }\n    ] }');
    const p = only(validateRubricText(text, 'a').problems, 'duplicate-shortcut-key');
    assert.equal(p.field, 'axes[0].choices[1].key');
    assert.deepEqual({ line: p.line, column: p.column }, at(text, '"A" }'));
  });

  it('lets different axes reuse the same shortcut keys (keys act on the focused axis)', () => {
    const axisText = (id: string): string => `    { "id": "${id}", "label": "A", "kind": "nominal", "choices": [{ "value": "x", "label": "X", "key": "1" }, { "value": "y", "label": "Y", "key": "2" }] }`;
    assert.deepEqual(validateRubricText(rubric(`${axisText('a')},\n${axisText('b')}`), 'a').problems, []);
  });

  it('reports a duplicate choice value', () => {
    const text = rubric('    { "id": "a", "label": "A", "kind": "ordinal", "choices": [{ "value": 1, "label": "One" }, { "value": 1, "label": "Uno" }] }');
    assert.equal(only(validateRubricText(text, 'a').problems, 'duplicate-choice-value').field, 'axes[0].choices[1].value');
  });

  describe('values that do not match the axis kind (each reported once)', () => {
    const cases: [string, string, string][] = [
      ['boolean value on an ordinal axis', '{ "id": "a", "label": "A", "kind": "ordinal", "choices": [{ "value": true, "label": "T" }, { "value": "x", "label": "X" }] }', 'value-kind-mismatch'],
      ['string and number mixed', '{ "id": "a", "label": "A", "kind": "nominal", "choices": [{ "value": 1, "label": "T" }, { "value": "2", "label": "F" }] }', 'mixed-value-types'],
      ['string on a boolean axis', '{ "id": "a", "label": "A", "kind": "boolean", "choices": [{ "value": "yes", "label": "Y" }, { "value": false, "label": "N" }] }', 'value-kind-mismatch'],
      ['boolean axis labelling only true', '{ "id": "a", "label": "A", "kind": "boolean", "choices": [{ "value": true, "label": "Y" }] }', 'incomplete-boolean-choices'],
      ['ordinal axis without choices', '{ "id": "a", "label": "A", "kind": "ordinal" }', 'missing-field'],
      ['ordinal axis with one choice', '{ "id": "a", "label": "A", "kind": "ordinal", "choices": [{ "value": 1, "label": "One" }] }', 'too-few-choices'],
      ['interval axis without max', '{ "id": "a", "label": "A", "kind": "interval", "min": 0 }', 'missing-field'],
      ['interval axis with min above max', '{ "id": "a", "label": "A", "kind": "interval", "min": 10, "max": 0 }', 'empty-range'],
      ['interval anchor outside the range', '{ "id": "a", "label": "A", "kind": "interval", "min": 0, "max": 10, "choices": [{ "value": 11, "label": "Too far" }] }', 'value-out-of-range'],
      ['interval anchor off the step grid', '{ "id": "a", "label": "A", "kind": "interval", "min": 0, "max": 10, "step": 2, "choices": [{ "value": 3, "label": "Odd" }] }', 'value-off-step'],
      ['text value on an interval axis', '{ "id": "a", "label": "A", "kind": "interval", "min": 0, "max": 10, "choices": [{ "value": "5", "label": "Five" }] }', 'value-kind-mismatch'],
      ['axis named like the overall score', '{ "id": "overall", "label": "A", "kind": "boolean" }', 'reserved-axis-id'],
    ];
    for (const [name, axisText, code] of cases) {
      it(name, () => {
        const { rubric: r, problems } = validateRubricText(rubric(`    ${axisText}`), 'a');
        assert.equal(r, undefined);
        assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
        assert.equal(problems[0]?.code, code);
        assert.equal(problems[0]?.severity, 'error');
      });
    }
  });

  it('accepts interval anchors on a decimal step grid despite binary rounding', () => {
    const text = rubric('    { "id": "a", "label": "A", "kind": "interval", "min": 0, "max": 1, "step": 0.1, "choices": [{ "value": 0.3, "label": "Low" }, { "value": 0.7, "label": "High" }] }');
    assert.deepEqual(validateRubricText(text, 'a').problems, []);
  });

  it('accepts only whole numbers 1 to 5 as overall score points', () => {
    const text = rubric(okAxis, '\n  "overall": { "choices": [{ "value": 6, "label": "Six" }, { "value": 2.5, "label": "Half" }] },');
    const problems = validateRubricText(text, 'a').problems.filter((p) => p.code === 'value-out-of-range');
    assert.deepEqual(problems.map((p) => p.field), ['overall.choices[0].value', 'overall.choices[1].value']);
  });

  it('warns about fields the axis kind ignores but still yields the rubric', () => {
    const text = rubric('    { "id": "note", "label": "Note", "kind": "text", "min": 1, "choices": [] }');
    const { rubric: r, problems } = validateRubricText(text, 'a');
    assert.deepEqual(problems.map((p) => [p.code, p.severity, p.field]), [
      ['inapplicable-field', 'warning', 'axes[0].min'],
      ['inapplicable-field', 'warning', 'axes[0].choices'],
    ]);
    assert.ok(r);
    assert.equal(r.axes[0]?.required, false, 'text axes are optional by default');
    assert.equal(r.axes[0]?.min, undefined, 'ignored fields are dropped from the normalized rubric');
  });

  it('sorts problems by position', () => {
    const text = rubric('    { "id": "a", "lable": "A", "kind": "likert" },\n    { "id": "a", "label": 1, "kind": "boolean" }');
    const problems = validateRubricText(text, 'a').problems;
    const positions = problems.map((p) => p.line * 1000 + p.column);
    assert.deepEqual(positions, [...positions].sort((x, y) => x - y));
    assert.ok(problems.length >= 4);
  });

  it('reports an empty file', () => {
    const { problems } = validateRubricText('', 'empty.rubric.json');
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0]?.line, problems[0]?.column], [1, 1]);
  });

  describe('files on disk', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'medreview-rubric-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('loads a rubric file with a byte-order mark and CRLF line ends, with positions as editors count', async () => {
      const text = rubric('    { "id": "a", "label": "A", "kind": "likert" }').replace(/\n/g, '\r\n');
      const file = join(dir, 'crlf.rubric.json');
      writeFileSync(file, `\uFEFF${text}`);
      const { problems } = await loadRubricFile(file);
      const p = only(problems, 'schema-enum');
      assert.equal(p.file, file);
      assert.deepEqual({ line: p.line, column: p.column }, at(text.replace(/\r\n/g, '\n'), '"likert"'));
    });

    it('reports a file that cannot be read as one problem, not an exception', async () => {
      const file = join(dir, 'missing.rubric.json');
      const { rubric: r, problems } = await loadRubricFile(file);
      assert.equal(r, undefined);
      assert.equal(problems[0]?.code, 'unreadable-file');
      assert.match(problems[0]?.message ?? '', /ENOENT/);
    });
  });
});
