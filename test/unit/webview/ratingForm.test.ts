import { strict as assert } from 'node:assert';
import { defaultRubric } from '../../../server/rubric';
import type { AnswerView } from '../../../server/protocol';
import { formFields, formFor, isChanged, isComplete, missingLabels, valueForKey, withValue, type FormField } from '../../../webview/ratingForm';

const rubric = defaultRubric();

function answer(overrides: Partial<AnswerView> = {}): AnswerView {
  return {
    id: 'a1', position: 2, label: 'Answer C', reasoning: '', answer: 'x', state: 'none', flags: [], incomplete: false, unblinding: false,
    rouge: { answer: null, reasoning: null }, accuracy: null, myRating: null, myDraft: null, flaggedByMe: false, otherRaters: 0, origin: 'file', details: {},
    ...overrides,
  };
}

function field(id: string): FormField {
  const f = formFields(rubric).find((x) => (x.kind === 'axis' ? x.axis.id : x.kind) === id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
}

describe('rating form', () => {
  it('starts from the saved rating, else the draft, else empty, keeping the shown position', () => {
    const saved = { values: { consensus: 'aligned' }, overall: 4, comment: 'ok', revision: 3, updatedAt: 1 };
    assert.equal(formFor(answer({ myRating: saved })).status, 'saved');
    assert.equal(formFor(answer({ myRating: saved })).overall, 4);
    const draft = formFor(answer({ myDraft: { values: { consensus: 'opposed' }, overall: null, comment: '' } }));
    assert.equal(draft.status, 'draft');
    assert.equal(draft.values.consensus, 'opposed');
    assert.equal(formFor(answer()).status, 'empty');
    assert.equal(formFor(answer()).position, 2);
  });

  it("maps keys to choices: a choice's own key, a digit as the n-th choice, 1-5 on overall", () => {
    assert.equal(valueForKey(field('correct_comprehension'), 'y'), true);
    assert.equal(valueForKey(field('correct_comprehension'), 'n'), false);
    assert.equal(valueForKey(field('harm_extent'), '3'), 'severe_or_death');
    assert.equal(valueForKey(field('harm_extent'), '4'), undefined, 'no fourth choice');
    assert.equal(valueForKey(field('overall'), '5'), 5);
    assert.equal(valueForKey(field('overall'), '6'), undefined);
    assert.equal(valueForKey(field('comment'), '1'), undefined);
  });

  it('is complete only when every required field is set, and names what is missing', () => {
    let f = formFor(answer());
    assert.equal(isComplete(rubric, f), false);
    assert.ok(missingLabels(rubric, f).includes('Scientific consensus'));
    for (const axis of rubric.axes) if (axis.required && axis.choices[0]) f = withValue(f, field(axis.id), axis.choices[0].value);
    assert.equal(isComplete(rubric, f), false, 'overall still missing');
    f = withValue(f, field('overall'), 3);
    assert.equal(isComplete(rubric, f), true);
    assert.deepEqual(missingLabels(rubric, f), []);
  });

  it('knows when the values differ from what the store acknowledged', () => {
    const saved = { values: { consensus: 'aligned' }, overall: 4, comment: '', revision: 1, updatedAt: 1 };
    const f = formFor(answer({ myRating: saved }));
    assert.equal(isChanged(f), false);
    assert.equal(isChanged(withValue(f, field('consensus'), 'opposed')), true);
    assert.equal(isChanged(withValue(f, field('overall'), 5)), true);
    assert.equal(isChanged({ ...f, values: { ...f.values, harm_extent: null } }), false, 'an unset field is no change');
  });
});
