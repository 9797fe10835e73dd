import { readText } from '../sqlite/text';
import type { Rating } from '../types';

/**
 * A rating's own fields in built lines (builtLines.ts): not formatted by SQLite, which spent two of its
 * five seconds of a 300,000-rating JSONL export on them (dates, JSON, guards), but read as a tuple that the
 * writing thread, idle otherwise, formats with the object path's own functions (ratingFields), so no guard
 * is needed: whatever the row holds comes out as from objects. The tuple's values are those of
 * exportRows.ts's RATING_JSON_SELECT, read with the same SQL functions (a row it fails on fails here too).
 * The axis values follow the tuple after a U+0001 (json_array escapes control characters, so the first one
 * is the mark), as text: ratings repeat their values (31,103 combinations among the benchmark's 300,000), so
 * the writer formats each combination once.
 */
export function builtRatingsSql(rubric: boolean): string {
  return `SELECT r.answer_id AS answer, r.rater_id AS rater,
    CAST(concat(json_array(r.uid, rt.name, r.rubric_key, rv.version, rv.hash, r.overall, r.comment, r.blind, r.shown_position, r.revision,
      r.created_at, r.updated_at), char(1), json(r.axis_values)) AS BLOB) AS part
  FROM answers a JOIN ratings r ON r.answer_id = a.id JOIN raters rt ON rt.id = r.rater_id JOIN rubric_versions rv ON rv.id = r.rubric_version_id
  WHERE a.question_id IN (SELECT value FROM json_each(?1))${rubric ? ' AND r.rubric_key = CAST(?2 AS TEXT)' : ''}
  ORDER BY r.answer_id, rt.name, r.rubric_key`;
}

/** A rating of built lines: what its line says of it, and its axis values as JSON text. */
export interface BuiltRating {
  rating: Omit<Rating, 'answerUid' | 'questionUid' | 'values'>;
  values: string;
}

type Tuple = [string, string, string, string, string, number | null, string, number, number | null, number, number, number];

/** Reads a rating's part of built lines (builtRatingsSql), as ratingFromJsonRow reads RATING_JSON_SELECT's. */
export function readBuiltRating(part: Uint8Array): BuiltRating {
  const mark = part.indexOf(1);
  const [uid, rater, rubricKey, rubricVersion, rubricHash, overall, comment, blind, shownPosition, revision, createdAt, updatedAt] = JSON.parse(
    readText(part.subarray(0, mark)),
  ) as Tuple;
  return {
    rating: { uid, rater, rubricKey, rubricVersion, rubricHash, overall, comment, blind: blind === 1, shownPosition, revision, createdAt, updatedAt },
    values: readText(part.subarray(mark + 1)),
  };
}
