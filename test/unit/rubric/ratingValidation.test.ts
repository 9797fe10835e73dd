import { strict as assert } from 'node:assert';
import { checkRating, defaultRubric, validateRubricText, type Rubric } from '../../../server/rubric';

const completeAxes = {
  consensus: 'aligned',
  harm_extent: 'none',
  harm_likelihood: 'low',
  correct_comprehension: true,
  correct_recall: true,
  correct_reasoning: true,
  incorrect_comprehension: false,
  incorrect_recall: false,
  incorrect_reasoning: false,
  inappropriate_content: 'no',
  missing_content: 'minor',
  bias: false,
};

function studyRubric(): Rubric {
  const text = JSON.stringify({
    id: 'study',
    version: '2',
    title: 'Study',
    axes: [
      { id: 'score', label: 'Score', kind: 'interval', min: 0, max: 10, step: 0.5 },
      { id: 'grade', label: 'Grade', kind: 'ordinal', choices: [{ value: 1, label: 'One' }, { value: 2, label: 'Two' }] },
      { id: 'note', label: 'Note', kind: 'text', maxLength: 10 },
    ],
    overall: { required: false },
    comment: { required: true, maxLength: 20 },
  });
  const { rubric } = validateRubricText(text, 'study.rubric.json');
  assert.ok(rubric);
  return rubric;
}

describe('checking a rating against its rubric', () => {
  it('accepts a fully filled rating of the default rubric as complete', () => {
    const check = checkRating(defaultRubric(), { axes: completeAxes, overall: 4, comment: 'fine' });
    assert.deepEqual(check, { complete: true, problems: [], missing: [] });
  });

  it('lists the required fields still empty, which keeps the rating a draft', () => {
    const { harm_extent: _dropped, ...partial } = completeAxes;
    const check = checkRating(defaultRubric(), { axes: { ...partial, bias: null } });
    assert.equal(check.complete, false);
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.missing, ['axes.harm_extent', 'axes.bias', 'overall']);
  });

  it('rejects a value that is not one of the choices, comparing types strictly', () => {
    const check = checkRating(defaultRubric(), { axes: { ...completeAxes, harm_extent: 'catastrophic', harm_likelihood: 1 }, overall: 3 });
    assert.deepEqual(check.problems.map((p) => [p.field, p.code]), [
      ['axes.harm_extent', 'value-not-allowed'],
      ['axes.harm_likelihood', 'value-not-allowed'],
    ]);
    assert.match(check.problems[0]?.message ?? '', /"catastrophic" is not one of "none", "mild_or_moderate", "severe_or_death"/);
    assert.equal(check.complete, false);
  });

  it('rejects "true" for a yes/no axis and an axis the rubric does not have', () => {
    const check = checkRating(defaultRubric(), { axes: { ...completeAxes, bias: 'true', readability: 3 }, overall: 3 });
    assert.deepEqual(check.problems.map((p) => [p.field, p.code]), [
      ['axes.readability', 'unknown-axis'],
      ['axes.bias', 'wrong-type'],
    ]);
  });

  it('checks the overall score is a whole number from 1 to 5', () => {
    const codes = [0, 6, 2.5, '4'].map((overall) => checkRating(defaultRubric(), { axes: completeAxes, overall }).problems.map((p) => p.code));
    assert.deepEqual(codes, [['out-of-range'], ['out-of-range'], ['wrong-type'], ['wrong-type']]);
  });

  it('checks interval range and step, text length and the comment', () => {
    const rubric = studyRubric();
    const ok = checkRating(rubric, { axes: { score: 7.5, grade: 2, note: 'short' }, comment: 'seen' });
    assert.deepEqual(ok, { complete: true, problems: [], missing: [] });
    const bad = checkRating(rubric, { axes: { score: 7.25, grade: 2, note: 'far too long text' }, comment: 'x'.repeat(21) });
    assert.deepEqual(bad.problems.map((p) => [p.field, p.code]), [
      ['axes.score', 'off-step'],
      ['axes.note', 'too-long'],
      ['comment', 'too-long'],
    ]);
    assert.deepEqual(checkRating(rubric, { axes: { score: -1, grade: 1 } }).problems.map((p) => p.code), ['out-of-range']);
    assert.deepEqual(checkRating(rubric, { axes: { score: Number.NaN, grade: 1 } }).problems.map((p) => p.code), ['wrong-type']);
  });

  it('treats a blank required comment as missing, and an optional text axis as not needed', () => {
    const check = checkRating(studyRubric(), { axes: { score: 1, grade: 1, note: '   ' }, comment: ' \n ' });
    assert.deepEqual(check.missing, ['comment']);
    assert.deepEqual(check.problems, []);
  });
});

describe('checking untrusted rating input', () => {
  it('treats a malformed axes map as an empty rating and ignores inherited properties', () => {
    const text = JSON.stringify({ id: 's', version: '1', title: 'S', axes: [{ id: 'constructor', label: 'C', kind: 'boolean' }] });
    const { rubric } = validateRubricText(text, 's.rubric.json');
    assert.ok(rubric);
    const fromPanel = JSON.parse('{"axes": null, "overall": 3}') as { axes: Record<string, unknown> };
    assert.deepEqual(checkRating(rubric, fromPanel).missing, ['axes.constructor']);
    assert.deepEqual(checkRating(rubric, { axes: {}, overall: 3 }), { complete: false, problems: [], missing: ['axes.constructor'] });
  });
});
