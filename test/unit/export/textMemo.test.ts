import { strict as assert } from 'node:assert';
import { TextMemo } from '../../../server/export/textMemo';

describe('export: text memo (built lines’ axis values)', () => {
  it('makes each distinct text once, and starts over past its limit rather than growing', () => {
    const made: string[] = [];
    const memo = new TextMemo((t) => {
      made.push(t);
      return t.toUpperCase();
    }, 2);
    assert.deepEqual(['a', 'b', 'a', 'b'].map((t) => memo.get(t)), ['A', 'B', 'A', 'B']);
    assert.deepEqual(made, ['a', 'b']);
    assert.equal(memo.get('c'), 'C');
    assert.equal(memo.get('a'), 'A');
    assert.deepEqual(made, ['a', 'b', 'c', 'a'], 'a third text made room by forgetting the first two');
  });
});
