import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateImportSet } from '../../../bench/fixtures/generateImportSet';
import { DatabaseAppearedError, NewDatabase, openStore } from '../../../server/store';
import { Connection } from '../../../server/store/sqlite/connection';
import { readNumber } from '../../../server/store/sqlite/text';
import { runCliForTest } from '../../helpers/cliHarness';
import { killImportWhen } from './killedImportProcess';
import { dumpImportTables } from './tableDump';
import { makeTempDir } from './tempDatabase';

function pragma(path: string, name: string): number | string {
  const c = Connection.open(path, { readOnly: true });
  try {
    const row = c.get(`PRAGMA ${name}`);
    const value = row?.[name];
    return typeof value === 'string' ? value : readNumber(value ?? null);
  } finally {
    c.close();
  }
}

/** What builds left beside a target (`<target>.new-<pid>` and its lock files). */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.includes('.new-'));

/**
 * A first import builds the database at a private path, without a journal or a sync per commit, and
 * links it in complete (server/store/newDatabase.ts).
 */
describe('store: a new database built by its first import', function () {
  this.timeout(120_000);
  let tmp: ReturnType<typeof makeTempDir>;

  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('holds exactly what an import into an existing database writes, and is a sound, ordinary database', async () => {
    const set = generateImportSet(join(tmp.dir, 'set'), 300);
    const files = [...set.questionFiles, ...set.answerFiles];
    const built = join(tmp.dir, 'db', 'built.sqlite');
    const existing = join(tmp.dir, 'db', 'existing.sqlite');
    await (await openStore(existing)).close();

    const first = await runCliForTest(['import', ...files, '--db', built], '', tmp.dir);
    assert.equal(first.code, 0, first.stderr);
    const into = await runCliForTest(['import', ...files, '--db', existing], '', tmp.dir);
    assert.equal(into.code, 0, into.stderr);

    assert.deepEqual(dumpImportTables(built), dumpImportTables(existing));
    assert.deepEqual(leftovers(join(tmp.dir, 'db')), [], 'the build is gone once linked in');
    const store = await openStore(built);
    try {
      assert.deepEqual(await store.integrityCheck(), ['ok']);
      // Its later commits are the ordinary durable ones.
      await store.addRater('dr-a');
    } finally {
      await store.close();
    }
    assert.equal(pragma(built, 'page_size'), 16384);
    assert.equal(pragma(built, 'journal_mode'), 'delete', 'no journal mode is kept in the file');
  });

  it('leaves no database when killed while building, and the next import removes the build and makes it whole', async () => {
    const set = generateImportSet(join(tmp.dir, 'set'), 4_000);
    const files = [...set.questionFiles, ...set.answerFiles];
    const db = join(tmp.dir, 'killed.sqlite');
    const { killed, pid } = await killImportWhen([...files, '--db', db], (p) => existsSync(`${db}.new-${p}`) && statSync(`${db}.new-${p}`).size > 8 * 2 ** 20);
    assert.ok(killed, 'the import ended before it could be killed');
    assert.equal(existsSync(db), false, 'nothing at the target');
    const left = leftovers(tmp.dir);
    assert.ok(left.includes(`killed.sqlite.new-${pid}`), `the build is left: ${left.join(', ')}`);
    assert.ok(left.every((f) => f.startsWith(`killed.sqlite.new-${pid}`)), 'and only its own files (lock, owner record)');

    const again = await runCliForTest(['import', ...files, '--db', db], '', tmp.dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`${set.questions} questions added \\(0 already there\\), ${set.answers} answers added`));
    assert.deepEqual(leftovers(tmp.dir), [], 'the killed build was removed');
  });

  it('never replaces a database that appeared while it was being built', async () => {
    const target = join(tmp.dir, 'raced.sqlite');
    const building = await NewDatabase.start(target);
    await building.store.addRater('dr-building');
    // Another window opens the project meanwhile and creates the database there.
    const other = await openStore(target);
    await other.addRater('dr-other');
    await other.close();
    await assert.rejects(building.publish(), DatabaseAppearedError);
    const store = await openStore(target);
    try {
      assert.deepEqual((await store.raters()).map((r) => r.name), ['dr-other']);
    } finally {
      await store.close();
    }
    assert.deepEqual(leftovers(tmp.dir), []);
  });

  it('discards a build that is given up, leaving the target absent', async () => {
    const target = join(tmp.dir, 'dropped.sqlite');
    const building = await NewDatabase.start(target);
    await building.store.addRater('dr-a');
    await building.discard();
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(tmp.dir), []);
  });
});
