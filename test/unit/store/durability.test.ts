import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { openStore } from '../../../server/store';
import { journalIsHot } from '../../../server/store/journal/hotJournal';
import { kill9, startWriter } from './childProcess';
import { seedDatabase } from './seededDatabase';
import { makeTempDir } from './tempDatabase';

const ROUNDS = 30;

describe('store durability: a writer killed with SIGKILL at random moments', function () {
  this.timeout(240_000);
  let tmp: ReturnType<typeof makeTempDir>;

  before(async () => {
    tmp = makeTempDir();
    await seedDatabase(tmp.db);
  });
  after(() => tmp.cleanup());

  it(`keeps every acknowledged rating and a sound database over ${ROUNDS} rounds`, async () => {
    const seen = { staleLocks: 0, hotJournals: 0, acked: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      const rater = `rater-${round}`;
      const writer = startWriter(['rate', tmp.db, rater, '0']);
      await writer.waitFor('ready');
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 550));
      await kill9(writer);
      const acked = writer.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ')[1]!);
      seen.acked += acked.length;
      if (existsSync(`${tmp.db}.lock`)) seen.staleLocks++;
      if (journalIsHot(tmp.db)) seen.hotJournals++;

      // The next opener must recover the lock (and roll back any half-written transaction) by itself.
      const store = await openStore(tmp.db);
      try {
        const stored = new Set<string>();
        for await (const r of store.streamRatings({ rater, chunkSize: 50 })) stored.add(r.uid);
        const lost = acked.filter((uid) => !stored.has(uid));
        assert.deepEqual(lost, [], `round ${round}: acknowledged ratings missing after the kill`);
        assert.deepEqual(await store.integrityCheck(), ['ok'], `round ${round}`);
        await store.addRater(`after-round-${round}`);
      } finally {
        await store.close();
      }
    }
    // Not asserted (it depends on timing), but shown so a run that never hit a commit can be noticed.
    console.log(`      ${seen.acked} acknowledged ratings; kills left ${seen.staleLocks} stale locks, ${seen.hotJournals} hot journals`);
    assert.ok(seen.acked > 0);
  });
});
