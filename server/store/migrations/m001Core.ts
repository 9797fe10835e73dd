import type { Migration } from './types';

/**
 * Questions, answers, raters, rubric versions, ratings, pairwise preferences and the event log.
 * Tables are STRICT so a value of the wrong type is an error rather than silently stored. Content text is
 * bound as UTF-8 bytes and cast to TEXT (see sqlite/connection.ts); STRICT makes a forgotten cast fail loudly.
 * Long text lives in its own tables (question_texts, question_references, answer_texts), apart from the
 * metadata that lists, filters, queues and exports read: a 4 kB answer inline would put one row per page and
 * make every such query read the whole text of every answer it touches; a search reads question texts only.
 */
export const m001Core: Migration = {
  version: 1,
  description: 'question sets, questions, answers, raters, rubrics, ratings, preferences, event log',
  sql: `
CREATE TABLE question_sets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE source_files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE set_sources (
  set_id INTEGER NOT NULL REFERENCES question_sets(id) ON DELETE CASCADE,
  file_id INTEGER NOT NULL REFERENCES source_files(id),
  format TEXT,
  imported_at INTEGER NOT NULL,
  taken INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (set_id, file_id)
) STRICT;

CREATE TABLE questions (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  ext_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('open', 'multiple-choice', 'yes-no-maybe')),
  text_key TEXT NOT NULL,
  has_reference INTEGER NOT NULL CHECK (has_reference IN (0, 1)),
  source_file_id INTEGER REFERENCES source_files(id),
  source_line INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX questions_ext_id ON questions(ext_id);
CREATE INDEX questions_text_key ON questions(text_key);

CREATE TABLE question_texts (
  question_id INTEGER PRIMARY KEY REFERENCES questions(id),
  text TEXT NOT NULL,
  options TEXT,
  context TEXT
) STRICT;

CREATE TABLE question_references (
  question_id INTEGER PRIMARY KEY REFERENCES questions(id),
  answer TEXT NOT NULL,
  reasoning TEXT,
  label TEXT
) STRICT;

CREATE TABLE set_questions (
  set_id INTEGER NOT NULL REFERENCES question_sets(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  ordinal INTEGER NOT NULL,
  PRIMARY KEY (set_id, question_id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX set_questions_order ON set_questions(set_id, ordinal);
CREATE INDEX set_questions_question ON set_questions(question_id);

CREATE TABLE templates (
  hash TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  model TEXT NOT NULL,
  think_state TEXT NOT NULL CHECK (think_state IN ('complete', 'none', 'unclosed')),
  split_flags TEXT NOT NULL DEFAULT '',
  finish_reason TEXT,
  params TEXT,
  timings TEXT,
  usage TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('file', 'generation')),
  source_file_id INTEGER REFERENCES source_files(id),
  source_line INTEGER,
  endpoint TEXT,
  model_id TEXT,
  template_hash TEXT REFERENCES templates(hash),
  incomplete INTEGER NOT NULL DEFAULT 0 CHECK (incomplete IN (0, 1)),
  created_at INTEGER NOT NULL,
  reasoning_source INTEGER CHECK (reasoning_source IN (0, 1)),
  reasoning_start INTEGER,
  reasoning_end INTEGER,
  answer_source INTEGER CHECK (answer_source IN (0, 1)),
  answer_start INTEGER,
  answer_end INTEGER
) STRICT;
CREATE INDEX answers_question ON answers(question_id, model);
CREATE INDEX answers_model ON answers(model);
CREATE INDEX answers_think_state ON answers(think_state);

CREATE TABLE answer_texts (
  answer_id INTEGER PRIMARY KEY REFERENCES answers(id),
  raw TEXT NOT NULL,
  server_reasoning TEXT,
  reasoning TEXT,
  answer TEXT
) STRICT;

CREATE TABLE raters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'physician' CHECK (kind IN ('physician', 'consensus')),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE rubric_versions (
  id INTEGER PRIMARY KEY,
  rubric_key TEXT NOT NULL,
  version TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE ratings (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  rater_id INTEGER NOT NULL REFERENCES raters(id),
  answer_id INTEGER NOT NULL REFERENCES answers(id),
  rubric_key TEXT NOT NULL,
  rubric_version_id INTEGER NOT NULL REFERENCES rubric_versions(id),
  axis_values TEXT NOT NULL,
  overall INTEGER CHECK (overall BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  blind INTEGER NOT NULL CHECK (blind IN (0, 1)),
  shown_position INTEGER,
  revision INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (rater_id, answer_id, rubric_key)
) STRICT;
CREATE INDEX ratings_answer ON ratings(answer_id);

CREATE TABLE preferences (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  rater_id INTEGER NOT NULL REFERENCES raters(id),
  answer_a_id INTEGER NOT NULL REFERENCES answers(id),
  answer_b_id INTEGER NOT NULL REFERENCES answers(id),
  choice TEXT NOT NULL CHECK (choice IN ('a', 'b', 'tie', 'both-bad')),
  blind INTEGER NOT NULL CHECK (blind IN (0, 1)),
  shown_first TEXT CHECK (shown_first IN ('a', 'b')),
  comment TEXT NOT NULL DEFAULT '',
  revision INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (answer_a_id <> answer_b_id),
  UNIQUE (rater_id, answer_a_id, answer_b_id)
) STRICT;
CREATE INDEX preferences_answer_b ON preferences(answer_b_id);

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  rater_id INTEGER REFERENCES raters(id),
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  before TEXT,
  after TEXT,
  undoable INTEGER NOT NULL DEFAULT 0 CHECK (undoable IN (0, 1)),
  undoes INTEGER REFERENCES events(id)
) STRICT;
CREATE INDEX events_rater ON events(rater_id, id);
CREATE UNIQUE INDEX events_undoes ON events(undoes) WHERE undoes IS NOT NULL;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
`,
};
