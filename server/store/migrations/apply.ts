import type { Connection } from '../sqlite/connection';
import { APPLICATION_ID, MIGRATIONS } from './index';

/** Applies the steps after `from` up to `to` on an open write transaction, and stamps the file as ours. */
export function applyMigrations(c: Connection, from: number, to: number): void {
  for (const m of MIGRATIONS) {
    if (m.version > from && m.version <= to) c.exec(m.sql);
  }
  c.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
  c.exec(`PRAGMA user_version = ${to}`);
}
