import type { Migration } from './types';

/** What a rater leaves besides ratings: half-filled forms, flags on answers, corrected choice extraction. */
export const m002RaterWork: Migration = {
  version: 2,
  description: 'drafts, answer flags, choice-extraction overrides',
  sql: `
CREATE TABLE drafts (
  rater_id INTEGER NOT NULL REFERENCES raters(id),
  answer_id INTEGER NOT NULL REFERENCES answers(id),
  rubric_key TEXT NOT NULL,
  form TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (rater_id, answer_id, rubric_key)
) STRICT;

CREATE TABLE answer_flags (
  rater_id INTEGER NOT NULL REFERENCES raters(id),
  answer_id INTEGER NOT NULL REFERENCES answers(id),
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  PRIMARY KEY (rater_id, answer_id)
) STRICT;
CREATE INDEX answer_flags_answer ON answer_flags(answer_id);

CREATE TABLE choice_overrides (
  id INTEGER PRIMARY KEY,
  rater_id INTEGER NOT NULL REFERENCES raters(id),
  answer_id INTEGER NOT NULL REFERENCES answers(id),
  extracted TEXT,
  corrected TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (rater_id, answer_id)
) STRICT;
`,
};
