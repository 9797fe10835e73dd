import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { openStore, StoreBusyError } from '../../../server/store';
import { journalIsHot } from '../../../server/store/journal/hotJournal';
import { readLockDir } from '../../../server/store/lock/lockFiles';
import { currentProcess } from '../../../server/store/lock/processIdentity';
import { kill9, startWriter } from './childProcess';
import { seedDatabase } from './seededDatabase';
import { makeTempDir } from './tempDatabase';

describe('store lock: a lock left behind is recovered, a live one never broken', function () {
  this.timeout(60_000);
  let tmp: ReturnType<typeof makeTempDir>;

  beforeEach(async () => {
    tmp = makeTempDir();
    await seedDatabase(tmp.db, 40);
  });
  afterEach(() => tmp.cleanup());

  it('waits for a live holder, then rolls back what its killed transaction half-wrote, byte for byte', async () => {
    const before = readFileSync(tmp.db);
    const holder = startWriter(['hold', tmp.db]);
    try {
      await holder.waitFor('holding');
      assert.ok(journalIsHot(tmp.db), 'the holder should have a journal');
      assert.notDeepEqual(readFileSync(tmp.db), before, 'the holder should have written pages into the file');
      await assert.rejects(openStore(tmp.db, { busyDeadlineMs: 400 }), (err: unknown) => {
        assert.ok(err instanceof StoreBusyError);
        assert.match(err.message, new RegExp(`process ${holder.child.pid} on `));
        return true;
      });
      assert.ok(existsSync(`${tmp.db}.lock`), 'a live holder lost its lock');
    } finally {
      await kill9(holder);
    }
    const store = await openStore(tmp.db);
    try {
      assert.deepEqual(readFileSync(tmp.db), before, 'the database is not back to its state before the killed transaction');
      assert.deepEqual(await store.integrityCheck(), ['ok']);
      const { rows } = await store.listQuestions({ limit: 100 });
      assert.equal(rows.length, 40);
      assert.ok(rows.every((r) => !r.title.includes('(edited)')));
    } finally {
      await store.close();
    }
  });

  it('frees a lock directory nobody recorded once it is older than the orphan limit', async () => {
    mkdirSync(`${tmp.db}.lock`);
    await assert.rejects(openStore(tmp.db, { busyDeadlineMs: 150 }), StoreBusyError);
    const store = await openStore(tmp.db, { staleLock: { orphanAfterMs: 300 } });
    await store.addRater('after-orphan');
    await store.close();
    assert.equal(existsSync(`${tmp.db}.lock`), false);
  });

  it('judges a recorded holder on another host by age only', async () => {
    mkdirSync(`${tmp.db}.lock`);
    const lock = readLockDir(tmp.db)!;
    writeFileSync(`${tmp.db}.lock-owner`, JSON.stringify({ pid: 1, host: `not-${hostname()}`, lock: lock.id, sinceMs: Date.now() }));
    await assert.rejects(openStore(tmp.db, { busyDeadlineMs: 150, staleLock: { orphanAfterMs: 0 } }), /process 1 on not-/);
    const store = await openStore(tmp.db, { staleLock: { otherHostAfterMs: 300 } });
    await store.close();
  });

  it('treats a recorded pid that now belongs to another process (other start time) as ended', async function () {
    if (!currentProcess().startTicks) this.skip(); // needs /proc (Linux)
    mkdirSync(`${tmp.db}.lock`);
    const lock = readLockDir(tmp.db)!;
    const me = currentProcess();
    writeFileSync(`${tmp.db}.lock-owner`, JSON.stringify({ ...me, startTicks: '1', lock: lock.id, sinceMs: Date.now() }));
    // Our own pid is alive, but not the process that took this lock: recovered at once, no orphan wait.
    const store = await openStore(tmp.db, { busyDeadlineMs: 2_000 });
    await store.close();
  });

  it('does not take a record of an older lock directory for the current one', async () => {
    mkdirSync(`${tmp.db}.lock`);
    writeFileSync(`${tmp.db}.lock-owner`, JSON.stringify({ pid: 999_999_999, host: hostname(), lock: '1:1', sinceMs: 0 }));
    // A dead pid in a record for another directory says nothing: this lock is an orphan and young.
    await assert.rejects(openStore(tmp.db, { busyDeadlineMs: 150 }), StoreBusyError);
  });
});
