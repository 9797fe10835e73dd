import { strict as assert } from 'node:assert';
import { Connection } from '../../../server/store/sqlite/connection';
import { makeTempDir } from './tempDatabase';

describe('store: one SQLite connection and its cached statements', () => {
  it('runs a cached statement again after it failed once, and closes cleanly', () => {
    const tmp = makeTempDir();
    const c = Connection.open(tmp.db);
    try {
      c.exec('CREATE TABLE t (v INTEGER NOT NULL CHECK (v > 0))');
      const insert = 'INSERT INTO t (v) VALUES (?)';
      c.run(insert, [1]);
      assert.throws(() => c.run(insert, [-1]), /CHECK constraint/);
      // The binding keeps a failed step's error in the statement; a reused one would refuse to bind.
      c.run(insert, [2]);
      assert.deepEqual(c.all('SELECT v FROM t ORDER BY v').map((r) => r.v), [1, 2]);
    } finally {
      assert.doesNotThrow(() => c.close());
      tmp.cleanup();
    }
  });
});
