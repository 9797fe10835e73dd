import type { Migration } from './types';

/** Batch generation runs and their items, so a batch resumes after a crash with what is done kept done. */
export const m003GenerationJobs: Migration = {
  version: 3,
  description: 'batch generation jobs and their items',
  sql: `
CREATE TABLE generation_jobs (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  config TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'cancelled', 'done')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE generation_job_items (
  id INTEGER PRIMARY KEY,
  job_id INTEGER NOT NULL REFERENCES generation_jobs(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  model TEXT NOT NULL,
  template_hash TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  answer_id INTEGER REFERENCES answers(id),
  error TEXT,
  updated_at INTEGER NOT NULL,
  UNIQUE (job_id, question_id, model, template_hash)
) STRICT;
CREATE INDEX generation_job_items_state ON generation_job_items(job_id, state);
`,
};
