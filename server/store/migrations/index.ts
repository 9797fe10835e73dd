import { m001Core } from './m001Core';
import { m002RaterWork } from './m002RaterWork';
import { m003GenerationJobs } from './m003GenerationJobs';
import { m004AnswerScores } from './m004AnswerScores';
import { m005TextCuts } from './m005TextCuts';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every schema step, oldest first. A step once released is never edited: a change is a new step. */
export const MIGRATIONS: readonly Migration[] = [m001Core, m002RaterWork, m003GenerationJobs, m004AnswerScores, m005TextCuts];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** `PRAGMA application_id`: "MdRv", marks a file as a MedReview database. */
export const APPLICATION_ID = 0x4d645276;

/** Tables whose absence in a file that claims to be ours means it is damaged. */
export const CORE_TABLES = ['question_sets', 'questions', 'question_texts', 'question_references', 'answers', 'answer_texts', 'raters', 'rubric_versions', 'ratings', 'events'];
