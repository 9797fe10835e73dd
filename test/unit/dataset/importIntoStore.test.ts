import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { openStore } from '../../../server/store';
import { runCliForTest } from '../../helpers/cliHarness';
import { jsonl, TempDir } from './tempFiles';

describe('medreview import --db', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  it('writes the rows into the review database; a second run finds them there and adds nothing', async () => {
    dir.write('ok.jsonl', jsonl([{ Question: 'A?', Response: 'a' }]));
    const first = await runCliForTest(['import', 'ok.jsonl', '--db', 'study.db'], '', dir.path);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /question set 'workspace': 1 questions added \(0 already there\)/);
    const again = await runCliForTest(['import', 'ok.jsonl', '--db', 'study.db'], '', dir.path);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /question set 'workspace': 0 questions added \(1 already there\)/);
    const store = await openStore(join(dir.path, 'study.db'));
    try {
      const list = await store.listQuestions({ set: 'workspace' });
      assert.equal(list.total, 1);
    } finally {
      await store.close();
    }
  });
});
