import { strict as assert } from 'node:assert';
import { openStore } from '../../../server/store';
import { startWriter } from './childProcess';
import { seedDatabase } from './seededDatabase';
import { makeTempDir } from './tempDatabase';

const SECONDS = Number(process.env.MEDREVIEW_CONCURRENCY_SECONDS ?? 30);

describe('store concurrency: two processes writing at once', function () {
  this.timeout((SECONDS + 60) * 1000);
  let tmp: ReturnType<typeof makeTempDir>;

  before(async () => {
    tmp = makeTempDir();
    await seedDatabase(tmp.db);
  });
  after(() => tmp.cleanup());

  it(`both write and read for ${SECONDS} s with no error and no lost row`, async () => {
    const writers = ['alice', 'bob'].map((rater) => ({ rater, w: startWriter(['rate', tmp.db, rater, String(SECONDS), '--reads']) }));
    const codes = await Promise.all(writers.map(({ w }) => w.exited));
    for (const { rater, w } of writers) {
      assert.equal(w.stderr(), '', `${rater} wrote to stderr`);
      assert.ok(w.lines.includes('done'), `${rater} did not finish`);
    }
    assert.deepEqual(codes, [0, 0]);

    const store = await openStore(tmp.db);
    try {
      for (const { rater, w } of writers) {
        const acks = w.lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' '));
        assert.ok(acks.length > 50, `${rater} made only ${acks.length} saves: starved`);
        // Every acknowledged save is a revision of a rating that exists with at least that revision ...
        const latest = new Map<string, number>();
        for await (const r of store.streamRatings({ rater })) latest.set(r.uid, r.revision);
        for (const [, uid, revision] of acks) {
          assert.ok((latest.get(uid!) ?? 0) >= Number(revision), `${rater}: ${uid} revision ${revision} lost`);
        }
        // ... and each one left exactly one entry in the event log.
        const events = await store.events({ rater, limit: 1_000_000 });
        assert.equal(events.filter((e) => e.entity === 'rating' && e.kind === 'save').length, acks.length, rater);
      }
      assert.deepEqual(await store.integrityCheck(), ['ok']);
      console.log(`      saves: ${writers.map(({ rater, w }) => `${rater} ${w.lines.filter((l) => l.startsWith('ack ')).length}`).join(', ')}`);
    } finally {
      await store.close();
    }
  });
});
