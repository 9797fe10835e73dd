import { Connection } from '../../../server/store/sqlite/connection';
import { readText } from '../../../server/store/sqlite/text';

/** The tables an import writes. */
const IMPORT_TABLES = ['question_sets', 'source_files', 'set_sources', 'questions', 'question_texts', 'question_references', 'set_questions', 'answers', 'answer_texts'];

/**
 * Every row of the tables an import writes, every column but the clock's (created_at, imported_at), each
 * value as the hex literal of its bytes (text read as bytes, so a NUL inside does not cut it short), or
 * NULL. Read from a closed store.
 */
export function dumpImportTables(path: string): Record<string, string[]> {
  const c = Connection.open(path, { readOnly: true });
  try {
    const out: Record<string, string[]> = {};
    for (const table of IMPORT_TABLES) {
      const columns = c.all(`PRAGMA table_info(${table})`).map((r) => readText(r.name)).filter((n) => n !== 'created_at' && n !== 'imported_at');
      const select = columns.map((n) => `quote(CAST(${n} AS BLOB))`).join(" || ' | ' || ");
      out[table] = c.all(`SELECT CAST(${select} AS BLOB) AS row FROM ${table} ORDER BY 1`).map((r) => readText(r.row));
    }
    return out;
  } finally {
    c.close();
  }
}
