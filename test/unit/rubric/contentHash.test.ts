import { strict as assert } from 'node:assert';
import { canonicalJson, defaultRubricText, rubricContentHash, validateRubricText, type Rubric } from '../../../server/rubric';

function parse(text: string): Rubric {
  const { rubric, problems } = validateRubricText(text, 'a.rubric.json');
  assert.ok(rubric, JSON.stringify(problems));
  return rubric;
}

const base = {
  id: 'study',
  version: '1',
  title: 'Study',
  axes: [{ id: 'harm', label: 'Harm', kind: 'ordinal', choices: [{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }] }],
};

describe('rubric content hash', () => {
  it('is a sha256 hex digest with its algorithm named', () => {
    assert.match(rubricContentHash(parse(defaultRubricText())), /^sha256:[0-9a-f]{64}$/);
  });

  it('does not change with layout, key order or spelled-out defaults', () => {
    const compact = JSON.stringify(base);
    const reordered = JSON.stringify({ axes: [{ kind: 'ordinal', label: 'Harm', id: 'harm', choices: base.axes[0]?.choices }], title: 'Study', version: '1', id: 'study' }, null, 4);
    const explicit = JSON.stringify({ ...base, axes: [{ ...base.axes[0], required: true }], overall: { label: 'Overall', required: true }, comment: { required: false } });
    const h = rubricContentHash(parse(compact));
    assert.equal(rubricContentHash(parse(reordered)), h);
    assert.equal(rubricContentHash(parse(explicit)), h);
    assert.equal(rubricContentHash(parse(JSON.stringify({ $schema: './rubric.schema.json', ...base }))), h, '$schema is not part of the meaning');
  });

  it('changes when a label, the order of choices, or the instructions change', () => {
    const h = rubricContentHash(parse(JSON.stringify(base)));
    const relabelled = { ...base, axes: [{ ...base.axes[0], label: 'Possible harm' }] };
    const reversed = { ...base, axes: [{ ...base.axes[0], choices: [...(base.axes[0]?.choices ?? [])].reverse() }] };
    const instructed = { ...base, instructions: 'Rate carefully.' };
    const hashes = [relabelled, reversed, instructed].map((r) => rubricContentHash(parse(JSON.stringify(r))));
    assert.equal(new Set([h, ...hashes]).size, 4);
  });

  it('serializes canonically: keys sorted, no whitespace, undefined members dropped', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 'é', y: 0.5 } }), '{"a":[true,null,"x"],"b":1,"d":{"y":0.5,"z":"é"}}');
  });
});
