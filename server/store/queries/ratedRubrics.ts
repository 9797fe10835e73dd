import type { Connection } from '../sqlite/connection';
import { readText } from '../sqlite/text';

/** Rubric keys that have at least one rating, by name (an export or summary needs one of them chosen). */
export function ratedRubricKeys(c: Connection): string[] {
  return c.all('SELECT DISTINCT CAST(rubric_key AS BLOB) AS k FROM ratings ORDER BY rubric_key').map((r) => readText(r.k));
}
