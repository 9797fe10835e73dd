import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { journalIsHot, journalPath, rollBackHotJournal } from '../../../server/store/journal/hotJournal';
import { recoveryMutexPath, withRecoveryMutex } from '../../../server/store/lock/recoveryMutex';
import { currentProcess } from '../../../server/store/lock/processIdentity';
import { kill9, startWriter } from './childProcess';
import { seedDatabase } from './seededDatabase';
import { makeTempDir } from './tempDatabase';

describe('store: rolling back the journal of a killed writer', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;
  let before: Buffer;

  beforeEach(async () => {
    tmp = makeTempDir();
    await seedDatabase(tmp.db, 60);
    before = readFileSync(tmp.db);
    const holder = startWriter(['hold', tmp.db]);
    await holder.waitFor('holding');
    await kill9(holder);
    rmdirSync(`${tmp.db}.lock`);
  });
  afterEach(() => tmp.cleanup());

  it('restores the file exactly and empties the journal', () => {
    assert.ok(journalIsHot(tmp.db));
    assert.notDeepEqual(readFileSync(tmp.db), before);
    const pageSize = before.readUInt16BE(16);
    const result = rollBackHotJournal(tmp.db);
    assert.ok(result.pagesRestored > 1);
    assert.equal(result.originalPages! * pageSize, before.length);
    assert.deepEqual(readFileSync(tmp.db), before);
    assert.equal(readFileSync(journalPath(tmp.db)).length, 0);
    assert.equal(journalIsHot(tmp.db), false);
  });

  it('stops at a record whose checksum does not match, as SQLite does', () => {
    const journal = readFileSync(journalPath(tmp.db));
    const pageSize = journal.readUInt32BE(24);
    const sector = journal.readUInt32BE(20);
    const originalPages = journal.readUInt32BE(16);
    // Flip a byte the checksum covers in the first record: playback ends before restoring anything.
    const at = sector + 4 + pageSize - 200;
    journal[at] = (journal[at] ?? 0) ^ 0xff;
    writeFileSync(journalPath(tmp.db), journal);
    const crashed = readFileSync(tmp.db);
    const result = rollBackHotJournal(tmp.db);
    assert.equal(result.pagesRestored, 0);
    // The file is only cut back to its size before the transaction, as SQLite's playback does first.
    assert.deepEqual(readFileSync(tmp.db), crashed.subarray(0, originalPages * pageSize));
  });
});

describe('store: the recovery mutex', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('is exclusive while its holder lives and released afterwards', () => {
    const inner = withRecoveryMutex(tmp.db, Date.now(), () => withRecoveryMutex(tmp.db, Date.now(), () => 'nested'));
    assert.equal(inner, undefined);
    assert.equal(existsSync(recoveryMutexPath(tmp.db)), false);
    assert.equal(withRecoveryMutex(tmp.db, Date.now(), () => 'free'), 'free');
  });

  it('is taken over from a holder that has ended', () => {
    writeFileSync(recoveryMutexPath(tmp.db), JSON.stringify({ pid: 999_999_999, host: hostname(), token: 'dead' }));
    assert.equal(withRecoveryMutex(tmp.db, Date.now(), () => 'mine'), 'mine');
  });

  it('is not taken over from a live holder', () => {
    writeFileSync(recoveryMutexPath(tmp.db), JSON.stringify({ ...currentProcess(), token: 'alive' }));
    assert.equal(withRecoveryMutex(tmp.db, Date.now(), () => 'mine'), undefined);
    assert.match(readFileSync(recoveryMutexPath(tmp.db), 'utf8'), /alive/);
  });
});
