import { randomUUID } from 'node:crypto';
import { StoreInputError, StoreNotFoundError } from '../errors';
import { processLiveness, type ProcessIdentity } from '../lock/processIdentity';
import { questionRowId } from '../rows/questionRows';
import type { Connection, Row } from '../sqlite/connection';
import { readNumber, readOptionalText, readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { AnswerInput, JobItem, JobItemState, JobSpec, JobState, JobStatus } from '../types';
import { addGeneratedAnswer } from './generatedAnswers';

/**
 * Batch generation state. An item is claimed by a process before its request is sent and completed in the
 * same transaction that stores the answer, so after a crash exactly the items without a stored answer are
 * generated again: claims held by a process that no longer runs are taken over by the next claim.
 */
export function createJob(c: Connection, spec: JobSpec, now: number): JobStatus {
  if (spec.items.length === 0) throw new StoreInputError('items', 'a job needs at least one item');
  const uid = randomUUID();
  const job = c.run(`INSERT INTO generation_jobs (uid, name, config, state, created_at, updated_at) VALUES (?, ${TEXT_PARAM}, ?, 'active', ?, ?)`, [
    uid,
    utf8(spec.name),
    JSON.stringify(spec.config ?? null),
    now,
    now,
  ]).lastInsertRowid;
  for (const [i, item] of spec.items.entries()) {
    const question = questionRowId(c, item.questionUid);
    if (question === undefined) throw new StoreNotFoundError(`question (items[${i}])`, item.questionUid);
    c.run(
      `INSERT INTO generation_job_items (job_id, question_id, model, template_hash, state, updated_at)
       VALUES (?, ?, ${TEXT_PARAM}, ?, 'pending', ?) ON CONFLICT DO NOTHING`,
      [job, question, utf8(item.model), item.templateHash ?? '', now],
    );
  }
  return jobStatus(c, uid);
}

function jobRow(c: Connection, uid: string): Row {
  const row = c.get(`SELECT id, uid, CAST(name AS BLOB) AS name, config, state, created_at, updated_at FROM generation_jobs WHERE uid = ?`, [uid]);
  if (!row) throw new StoreNotFoundError('generation job', uid);
  return row;
}

export function jobStatus(c: Connection, uid: string): JobStatus {
  const row = jobRow(c, uid);
  const counts: Record<JobItemState, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of c.all('SELECT state, count(*) AS n FROM generation_job_items WHERE job_id = ? GROUP BY state', [readNumber(row.id)])) {
    counts[readText(r.state) as JobItemState] = readNumber(r.n);
  }
  return {
    uid,
    name: readText(row.name),
    state: readText(row.state) as JobState,
    config: JSON.parse(readText(row.config)) as unknown,
    counts,
    createdAt: readNumber(row.created_at),
    updatedAt: readNumber(row.updated_at),
  };
}

export function listJobs(c: Connection): JobStatus[] {
  return c.all('SELECT uid FROM generation_jobs ORDER BY id').map((r) => jobStatus(c, readText(r.uid)));
}

const ITEM_SELECT = `SELECT i.id AS id, q.uid AS question_uid, CAST(i.model AS BLOB) AS model, i.template_hash AS template_hash,
    i.state AS state, i.attempts AS attempts, a.uid AS answer_uid, CAST(i.error AS BLOB) AS error, i.claimed_by AS claimed_by
  FROM generation_job_items i JOIN questions q ON q.id = i.question_id LEFT JOIN answers a ON a.id = i.answer_id`;

function itemFromRow(row: Row): JobItem {
  const item: JobItem = {
    id: readNumber(row.id),
    questionUid: readText(row.question_uid),
    model: readText(row.model),
    templateHash: readText(row.template_hash),
    state: readText(row.state) as JobItemState,
    attempts: readNumber(row.attempts),
  };
  const answerUid = readOptionalText(row.answer_uid);
  const error = readOptionalText(row.error);
  if (answerUid !== undefined) item.answerUid = answerUid;
  if (error !== undefined) item.error = error;
  return item;
}

export function jobItems(c: Connection, uid: string): JobItem[] {
  return c.all(`${ITEM_SELECT} WHERE i.job_id = ? ORDER BY i.id`, [readNumber(jobRow(c, uid).id)]).map(itemFromRow);
}

/** Claims up to `max` items: pending ones, and running ones whose claiming process has ended. */
export function claimJobItems(c: Connection, uid: string, max: number, owner: ProcessIdentity, now: number): JobItem[] {
  const job = jobRow(c, uid);
  if (readText(job.state) !== 'active') return [];
  const jobId = readNumber(job.id);
  const claimable = [
    ...c.all(`${ITEM_SELECT} WHERE i.job_id = ? AND i.state = 'pending' ORDER BY i.id LIMIT ?`, [jobId, max]),
    ...c.all(`${ITEM_SELECT} WHERE i.job_id = ? AND i.state = 'running' ORDER BY i.id`, [jobId]).filter((r) => claimIsAbandoned(r)),
  ].slice(0, max);
  const claim = JSON.stringify(owner);
  return claimable.map((row) => {
    const id = readNumber(row.id);
    c.run(`UPDATE generation_job_items SET state = 'running', claimed_by = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`, [claim, now, id]);
    return { ...itemFromRow(row), state: 'running' as const, attempts: readNumber(row.attempts) + 1 };
  });
}

function claimIsAbandoned(row: Row): boolean {
  const text = readOptionalText(row.claimed_by);
  if (text === undefined) return true;
  return processLiveness(JSON.parse(text) as ProcessIdentity) === 'dead';
}

/** Stores the generated answer and marks the item done, in the caller's one transaction. */
export function completeJobItem(c: Connection, itemId: number, answer: AnswerInput, now: number): string {
  const row = c.get(`${ITEM_SELECT} WHERE i.id = ?`, [itemId]);
  if (!row) throw new StoreNotFoundError('job item', String(itemId));
  const item = itemFromRow(row);
  const { uid } = addGeneratedAnswer(c, item.questionUid, answer, now);
  c.run(`UPDATE generation_job_items SET state = 'done', answer_id = (SELECT id FROM answers WHERE uid = ?), error = NULL, updated_at = ? WHERE id = ?`, [
    uid,
    now,
    itemId,
  ]);
  c.run(
    `UPDATE generation_jobs SET state = 'done', updated_at = ?
     WHERE id = (SELECT job_id FROM generation_job_items WHERE id = ?) AND state = 'active'
       AND NOT EXISTS (SELECT 1 FROM generation_job_items WHERE job_id = generation_jobs.id AND state IN ('pending', 'running'))`,
    [now, itemId],
  );
  return uid;
}

/** Records a failed attempt; `retry` puts the item back in the queue. */
export function failJobItem(c: Connection, itemId: number, error: string, retry: boolean, now: number): void {
  const changed = c.run(`UPDATE generation_job_items SET state = ?, error = ${TEXT_PARAM}, updated_at = ? WHERE id = ?`, [
    retry ? 'pending' : 'failed',
    utf8(error.slice(0, 10_000)),
    now,
    itemId,
  ]).changes;
  if (changed === 0) throw new StoreNotFoundError('job item', String(itemId));
}

/** Cancels (state 'cancelled', running items back to pending) or resumes ('active') a job. */
export function setJobState(c: Connection, uid: string, state: 'active' | 'cancelled', now: number): JobStatus {
  const job = readNumber(jobRow(c, uid).id);
  c.run('UPDATE generation_jobs SET state = ?, updated_at = ? WHERE id = ?', [state, now, job]);
  if (state === 'cancelled') {
    c.run(`UPDATE generation_job_items SET state = 'pending', claimed_by = NULL, updated_at = ? WHERE job_id = ? AND state = 'running'`, [now, job]);
  }
  return jobStatus(c, uid);
}
