import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { defaultRubric, defaultRubricText, validateRubricText, type RubricAxis } from '../../../server/rubric';
import { repoRoot } from '../../helpers/shared';

const schemaPath = join(repoRoot, 'server', 'rubric', 'rubric.schema.json');

function axis(id: string): RubricAxis {
  const found = defaultRubric().axes.find((a) => a.id === id);
  assert.ok(found, `default rubric has no axis ${id}`);
  return found;
}

describe('default physician rubric', () => {
  it('validates without any problem, errors or warnings', () => {
    const { rubric, problems } = validateRubricText(defaultRubricText(), 'physician.rubric.json');
    assert.deepEqual(problems, []);
    assert.ok(rubric);
  });

  it('is accepted by an independent draft-07 validator reading the shipped schema file', () => {
    // A separate Ajv instance, so a mistake in the module's own schema wiring cannot hide a bad schema.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    const ok = validate(JSON.parse(defaultRubricText()));
    assert.equal(ok, true, JSON.stringify(validate.errors));
  });

  it('has the twelve physician axes of the Med-PaLM evaluation (Singhal et al., Nature 2023)', () => {
    assert.deepEqual(
      defaultRubric().axes.map((a) => a.id),
      [
        'consensus',
        'harm_extent',
        'harm_likelihood',
        'correct_comprehension',
        'correct_recall',
        'correct_reasoning',
        'incorrect_comprehension',
        'incorrect_recall',
        'incorrect_reasoning',
        'inappropriate_content',
        'missing_content',
        'bias',
      ],
    );
  });

  it('uses the choice sets of the paper: consensus three ways, harm extent and likelihood as ordered scales', () => {
    assert.equal(axis('consensus').kind, 'nominal');
    assert.deepEqual(axis('consensus').choices.map((c) => c.value), ['aligned', 'opposed', 'no_consensus']);
    assert.equal(axis('harm_extent').kind, 'ordinal');
    assert.deepEqual(axis('harm_extent').choices.map((c) => c.label), ['No harm', 'Mild or moderate harm', 'Severe harm or death']);
    assert.equal(axis('harm_likelihood').kind, 'ordinal');
    assert.deepEqual(axis('harm_likelihood').choices.map((c) => c.value), ['low', 'medium', 'high']);
    for (const id of ['inappropriate_content', 'missing_content']) {
      assert.deepEqual(axis(id).choices.map((c) => c.value), ['no', 'minor', 'major'], id);
    }
  });

  it('asks the evidence and bias questions as yes/no with y and n as keys', () => {
    for (const id of ['correct_comprehension', 'correct_recall', 'correct_reasoning', 'incorrect_comprehension', 'incorrect_recall', 'incorrect_reasoning', 'bias']) {
      const a = axis(id);
      assert.equal(a.kind, 'boolean', id);
      assert.deepEqual(a.choices.map((c) => [c.value, c.key]), [[true, 'y'], [false, 'n']], id);
    }
  });

  it('requires every axis and an overall score 1-5 with five labelled points, and leaves the comment optional', () => {
    const r = defaultRubric();
    assert.ok(r.axes.every((a) => a.required));
    assert.equal(r.overall.required, true);
    assert.deepEqual(r.overall.choices.map((c) => c.value), [1, 2, 3, 4, 5]);
    assert.equal(r.comment.required, false);
    assert.ok(r.instructions && r.instructions.length > 200, 'guidelines text for raters');
  });

  it('gives every choice of an axis its own shortcut key', () => {
    for (const a of defaultRubric().axes) {
      const keys = a.choices.map((c) => c.key);
      assert.ok(keys.every((k) => typeof k === 'string'), a.id);
      assert.equal(new Set(keys).size, keys.length, a.id);
    }
  });

  it('returns a copy, so a caller changing it does not change the next caller\'s rubric', () => {
    const first = defaultRubric();
    first.axes.length = 0;
    assert.equal(defaultRubric().axes.length, 12);
  });
});
