import { strict as assert } from 'node:assert';
import type { MergeResultView } from '../../../server/protocol';
import { mergedMessage } from '../../../src/merge/mergeMessage';

const none = { ratings: 0, preferences: 0, overrides: 0 };
const result = (patch: Partial<MergeResultView>): MergeResultView => ({
  source: '/x/other.sqlite',
  ratersAdded: [],
  added: none,
  unchanged: none,
  updated: none,
  conflicts: 0,
  missingAnswers: 0,
  missingRubrics: 0,
  report: '',
  ...patch,
});

describe('the merge notification', () => {
  it('says what came in and what was already here', () => {
    const r = result({ added: { ratings: 12, preferences: 1, overrides: 0 }, unchanged: { ratings: 3, preferences: 0, overrides: 2 } });
    assert.equal(mergedMessage(r, 'other.sqlite'), 'Merged from other.sqlite: 12 ratings, 1 preference added; 5 already here.');
  });

  it('names what was left out, so a physician knows to open the report', () => {
    const r = result({ added: { ratings: 1, preferences: 0, overrides: 0 }, updated: { ratings: 2, preferences: 0, overrides: 0 }, conflicts: 1, missingAnswers: 4 });
    assert.equal(
      mergedMessage(r, 'b.sqlite'),
      'Merged from b.sqlite: 1 rating added; 2 updated to their later edits. Not merged: 1 conflict kept as it is here; 4 about answers not in this database.',
    );
  });

  it('says when nothing was new', () => {
    assert.equal(mergedMessage(result({ unchanged: { ratings: 2, preferences: 0, overrides: 0 } }), 'c.db'), 'Merged from c.db: nothing new added; 2 already here.');
  });
});
