import { strict as assert } from 'node:assert';
import { runCliForTest } from '../../helpers/cliHarness';

describe('medreview CLI dispatcher', () => {
  it('rejects an unknown command with exit code 2 and names it', async () => {
    const r = await runCliForTest(['no-such-command']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'no-such-command'/);
  });

  it('prints usage and exits 2 when called without a command', async () => {
    const r = await runCliForTest([]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /usage: medreview <command>/);
  });
});
