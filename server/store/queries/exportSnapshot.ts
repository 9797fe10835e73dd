import { QUESTION_COLUMNS, QUESTION_JOINS, questionFromRow } from '../rows/questionRows';
import type { Connection, SqlParam } from '../sqlite/connection';
import { reachesThreshold, thresholdMiss, type RatingThreshold, type ThresholdMiss } from '../ratingFigures';
import { readNumber, readOptionalNumber, readText, utf8 } from '../sqlite/text';
import type { Transactions } from '../transactions';
import type { ChoiceOverride, Preference, Rating, StoredAnswer, StoredQuestion } from '../types';
import { OVERRIDE_SELECT, overrideFromRow } from '../writes/choiceOverrides';
import { PREFERENCE_SELECT, preferenceFromRow, preferenceKey } from '../writes/preferences';
import { ratingKey } from '../writes/ratings';
import {
  answerFromJsonRow,
  ANSWER_JSON_SELECT,
  ANSWER_SELECT_SOME_TEXTS,
  EXPORT_ANSWER_SELECT,
  exportAnswerFromRow,
  exportTextMode,
  QUESTION_COLUMNS_WITHOUT_TEXTS,
  ratingFromJsonRow,
  RATING_JSON_SELECT,
  RATING_JSON_SELECT_WITHOUT_VALUES,
  type ExportAnswerRow,
  type ExportTexts,
} from './exportRows';
import { buildLines, joinLines, type BuiltLines, type LinesFilter, type QuestionLines } from './builtLines';
import { csvLinesSql } from './csvLines';
import { jsonlLinesSql } from './jsonlLines';
import type { LinesSql } from './lineParts';
import { compareCodePoints } from '../textOrder';
import { SnapshotChanges } from './snapshotChanges';
import { readDpoRows, type DpoRows } from './dpoRows';
import { readSummaryRows, type SummaryRows } from './summaryRows';

export interface ExportStreamFilter {
  /** Only questions of this set; every question when absent. */
  set?: string;
  /** Only ratings under this rubric key. */
  rubricKey?: string;
  /** Also read pairwise preferences and the answers they compare. */
  preferences?: boolean;
  /** Questions per read transaction (default 250): each holds the lock only briefly. */
  questionsPerChunk?: number;
  /** Attach each answer's scores cached by this scorer (Store.saveAnswerScores) as `cachedScores`. */
  scorer?: string;
  /**
   * What to read of the texts (raw output, reasoning, final answer) of answers whose scores are cached (with
   * `scorer`): 'all' (default), 'none' (empty strings: the caller needs nothing of them but their scores),
   * 'json' (reasoning and final answer as JSON strings in `quoted` where SQLite can cut them; see exportRows.ts),
   * or 'answer-json' (the final answer only, so; and no cached scores).
   */
  texts?: ExportTexts;
  /**
   * Without `scorer`: read the texts only of answers whose ratings (as of the snapshot) reach this threshold;
   * the others come with empty texts and `textsOmitted`. The SFT export writes nothing of an answer below
   * its threshold, and so reads the model output of only the answers it writes.
   */
  answerTextsFor?: RatingThreshold;
  /**
   * false: ratings come with empty axis values (`values` {}), for exports that use only the overall score
   * (dpo, sft). The values are most of a rating row's bytes, and of the parsing and handing over of it.
   * A rating restored from the event log (changed after the export began) keeps its values.
   */
  ratingValues?: boolean;
  /**
   * With `scorer`: the JSONL export's lines (with `csv`, the CSV export's rows) of every question SQLite can
   * build them for (builtLines.ts), handed out as bytes (`BuiltLines`) instead of as objects; the other
   * questions come as usual.
   */
  lines?: { texts: boolean; minRaters: number; csv?: boolean };
  /**
   * With `answerTextsFor`: the answers whose ratings miss it are counted by SQLite (`RatingTally`, one per
   * chunk) instead of handed out as objects, and questions with none that reach it are left out.
   */
  tally?: boolean;
  /**
   * With `scorer` and `rubricKey`: what the per-model summary reads of each chunk SQLite can write it for,
   * handed out as `SummaryRows` instead of as objects (summaryRows.ts); the other chunks come as usual.
   */
  summary?: { minRaters: number };
  /**
   * With `scorer`, `rubricKey` and `preferences`: what the DPO export reads of each chunk whose completions
   * SQLite can quote, handed out as `DpoRows` instead of as objects (dpoRows.ts); the other chunks come as usual.
   */
  dpo?: { withReasoning: boolean };
}

/** A rated (or compared) answer with every rating of it and every rater's correction of its extracted choice. */
export interface ExportAnswer {
  answer: StoredAnswer;
  /** By rater name. */
  ratings: Rating[];
  overrides: ChoiceOverride[];
  /** The scores cached by the filter's `scorer` (JSON text), null when none; absent without a scorer. */
  cachedScores?: string | null;
  /** The texts were not read (the filter's `texts`): `answer` has empty strings in their place. */
  textsOmitted?: boolean;
  /**
   * Reasoning and final answer as UTF-8 JSON strings (`texts: 'json'`; only the answer, the reasoning empty,
   * with 'answer-json'), when SQLite could cut them.
   */
  quoted?: { reasoning: Buffer; answer: Buffer };
}

/** One question with its rated answers, as of the moment the export started. */
export interface ExportQuestion {
  question: StoredQuestion;
  /** Names of the question sets it belongs to. */
  sets: string[];
  /** In the order they were stored. */
  answers: ExportAnswer[];
  /** Only when asked for with `preferences`. */
  preferences: Preference[];
  /**
   * The question's text and reference texts are empty strings and its context absent (the filter's `texts`
   * 'none', every answer's scores cached): fetch the question (Store.getQuestion) to compute scores anew.
   */
  textsOmitted?: boolean;
}

/**
 * What the stream hands out: a question, the lines of a run of questions (ExportStreamFilter.lines), a tally
 * (`tally`), or a chunk's summary rows (`summary`) or DPO rows (`dpo`).
 */
export type ExportItem = ExportQuestion | BuiltLines | RatingTally | SummaryRows | DpoRows;

export function isBuiltLines(item: ExportItem): item is BuiltLines {
  return 'pieces' in item;
}

export function isExportQuestion(item: ExportItem): item is ExportQuestion {
  return 'question' in item;
}

/**
 * What a chunk read of the answers whose ratings miss `answerTextsFor` (the SFT export's threshold), counted
 * by SQLite instead of handed out as objects: questions none of whose answers reach it, the answers and
 * their ratings, and why each answer misses (ratingFigures.ts's thresholdMiss).
 */
export interface RatingTally {
  tally: { questions: number; answers: number; ratings: number; missed: Record<ThresholdMiss, number> };
}

export function isRatingTally(item: ExportItem): item is RatingTally {
  return 'tally' in item;
}

export function isSummaryRows(item: ExportItem): item is SummaryRows {
  return 'summary' in item;
}

export function isDpoRows(item: ExportItem): item is DpoRows {
  return 'dpo' in item;
}

/** Reads row ids of a JSON array parameter, so one statement serves any number of ids. */
const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/**
 * Every question that has ratings (or preferences, when asked for), with its rated answers, their ratings
 * and choice corrections, question by question in storage order. The result is the database's state at
 * the moment the stream started, although it is read in short transactions between which other windows
 * keep saving (snapshotChanges.ts); memory holds one chunk of questions at a time.
 */
export async function* streamExport(tx: Transactions, f: ExportStreamFilter = {}): AsyncGenerator<ExportItem> {
  for await (const chunk of exportChunks(tx, f)) yield* chunk;
}

/** The same items a chunk (one read transaction) at a time: what the export's reader thread hands over. */
export async function* exportChunks(tx: Transactions, f: ExportStreamFilter = {}): AsyncGenerator<ExportItem[]> {
  const start = await tx.run((c) => ({ changes: SnapshotChanges.mark(c), overrides: overridesByAnswer(c) }));
  const size = Math.max(1, f.questionsPerChunk ?? 250);
  let after = 0;
  for (;;) {
    const chunk = await tx.run((c) => readChunk({ c, ...start, f }, after, size));
    yield chunk.items;
    if (chunk.last === undefined) return;
    after = chunk.last;
  }
}

/**
 * Physicians correct few extractions, so all corrections are read once, in the transaction that marks the
 * moment (which makes them that moment's state as they are); the table has no index by answer to look
 * them up per chunk.
 */
function overridesByAnswer(c: Connection): Map<string, ChoiceOverride[]> {
  return byAnswerUid(c.all(`${OVERRIDE_SELECT} ORDER BY rt.name`).map(overrideFromRow));
}

/** streamExport without `lines`, `tally`, `summary` and `dpo`: only questions. */
export function streamExportQuestions(tx: Transactions, f: Omit<ExportStreamFilter, 'lines' | 'tally' | 'summary' | 'dpo'> = {}): AsyncGenerator<ExportQuestion> {
  return onlyQuestions(streamExport(tx, f));
}

/** The items of a stream read without `lines`, `tally`, `summary` and `dpo`, which are all questions. */
export async function* onlyQuestions(items: AsyncIterable<ExportItem>): AsyncGenerator<ExportQuestion> {
  for await (const item of items) {
    if (!isExportQuestion(item)) throw new Error('internal: lines, a tally or rows made without being asked for');
    yield item;
  }
}

/** Items grouped by the answer they belong to, each group in the order given. */
function byAnswerUid<T extends { answerUid: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.answerUid);
    if (list) list.push(item);
    else out.set(item.answerUid, [item]);
  }
  return out;
}

interface Chunk {
  items: ExportItem[];
  /** Row id of the last question looked at; undefined when there are no more. */
  last: number | undefined;
}

/** What every part of a chunk's reading needs: its transaction's connection, the moment, the filter. */
interface ChunkRead {
  c: Connection;
  changes: SnapshotChanges;
  overrides: Map<string, ChoiceOverride[]>;
  f: ExportStreamFilter;
}

function readChunk(r: ChunkRead, after: number, size: number): Chunk {
  const { c, changes, f } = r;
  changes.catchUp(c);
  const ids = nextQuestions(c, f, after, size);
  const last = ids.length < size ? undefined : ids[ids.length - 1]?.id;
  if (ids.length === 0) return { items: [], last };
  // Lines are built only while nothing has changed since the moment: the snapshot's corrections apply to rows.
  if (f.lines && f.scorer !== undefined && changes.quiet) {
    const { texts, minRaters, csv } = f.lines;
    const rubric = f.rubricKey !== undefined;
    const sql = csv ? csvLinesSql(texts, rubric) : jsonlLinesSql(texts, rubric);
    return { items: withBuiltLines(r, ids, sql, { scorer: f.scorer, minRaters, rubricKey: f.rubricKey, scoreCells: csv === true, rawTexts: csv === true && texts }), last };
  }
  if (f.tally && f.answerTextsFor && !f.preferences && changes.quiet) return { items: withRatingTally(r, ids, f.answerTextsFor), last };
  if (f.dpo && f.scorer !== undefined && f.rubricKey !== undefined && f.preferences && changes.quiet) {
    const rows = readDpoRows(c, ids.map((q) => q.id), { rubricKey: f.rubricKey, scorer: f.scorer, withReasoning: f.dpo.withReasoning });
    if (rows) return { items: rows.dpo.questions.length > 0 ? [rows] : [], last };
  }
  if (f.summary && f.scorer !== undefined && f.rubricKey !== undefined && !f.preferences && changes.quiet) {
    const rows = readSummaryRows(c, ids.map((q) => q.id), { rubricKey: f.rubricKey, scorer: f.scorer, minRaters: f.summary.minRaters }, r.overrides);
    if (rows) return { items: [rows], last };
  }
  return { items: readQuestions(r, ids), last };
}

/** The chunk's questions in order: runs of those whose lines SQLite built, the others read as objects. */
function withBuiltLines(r: ChunkRead, ids: { id: number; uid: string }[], sql: LinesSql, lines: LinesFilter): ExportItem[] {
  const { built, rated } = buildLines(r.c, ids.map((q) => q.id), sql, lines, new Set(r.overrides.keys()));
  const others = readQuestions(r, ids.filter((q) => rated.has(q.id) && !built.has(q.id)));
  const byUid = new Map(others.map((q) => [q.question.uid, q]));
  const items: ExportItem[] = [];
  let run: QuestionLines[] = [];
  for (const { id, uid } of ids) {
    const lines = built.get(id);
    if (lines) {
      run.push(lines);
      continue;
    }
    const q = byUid.get(uid);
    if (!q) continue;
    if (run.length > 0) items.push(joinLines(run));
    run = [];
    items.push(q);
  }
  if (run.length > 0) items.push(joinLines(run));
  return items;
}

/**
 * The chunk's questions with an answer whose ratings reach the threshold, as objects holding only such
 * answers, and one tally of the rest, which SQLite counts without a row per rating. Only while nothing
 * changed since the moment (a rating restored from the event log has to be read as one).
 */
function withRatingTally(r: ChunkRead, ids: { id: number; uid: string }[], threshold: RatingThreshold): ExportItem[] {
  const { c, f } = r;
  const params: SqlParam[] = [JSON.stringify(ids.map((q) => q.id))];
  if (f.rubricKey !== undefined) params.push(utf8(f.rubricKey));
  const figures = c.all(answerRatingFiguresSql(f.rubricKey !== undefined), params);
  const tally: RatingTally['tally'] = { questions: 0, answers: 0, ratings: 0, missed: { 'below-min-raters': 0, 'without-overall': 0, 'below-min-overall': 0 } };
  const reaching = new Set<string>();
  const questionsReaching = new Set<number>();
  for (const row of figures) {
    const miss = thresholdMiss(readNumber(row.raters), readOptionalNumber(row.mean) ?? null, threshold);
    if (miss === null) {
      reaching.add(readText(row.uid));
      questionsReaching.add(readNumber(row.question));
      continue;
    }
    tally.answers++;
    tally.ratings += readNumber(row.ratings);
    tally.missed[miss]++;
  }
  tally.questions = new Set(figures.map((row) => readNumber(row.question))).size - questionsReaching.size;
  const objects = readQuestions(r, ids.filter((q) => questionsReaching.has(q.id)), reaching);
  return [...objects, { tally }];
}

/** Per rated answer of the questions ?1 (under rubric ?2): its uid, question, ratings, raters and mean overall score. */
function answerRatingFiguresSql(rubric: boolean): string {
  return `SELECT CAST(a.uid AS BLOB) AS uid, a.question_id AS question, count(*) AS ratings, count(DISTINCT r.rater_id) AS raters, avg(r.overall) AS mean
  FROM answers a JOIN ratings r ON r.answer_id = a.id
  WHERE a.question_id ${IN_LIST}${rubric ? ' AND r.rubric_key = CAST(? AS TEXT)' : ''} GROUP BY a.id`;
}

/** The questions of `ids` that have ratings, as objects; with `onlyAnswers` (uids), only those answers. */
function readQuestions({ c, changes, overrides, f }: ChunkRead, ids: { id: number; uid: string }[], onlyAnswers?: ReadonlySet<string>): ExportQuestion[] {
  if (ids.length === 0) return [];
  const idList = JSON.stringify(ids.map((q) => q.id));
  const uids = new Set(ids.map((q) => q.uid));
  const ratings = snapshotRatings(c, changes, f, idList, uids, onlyAnswers);
  const preferences = f.preferences ? snapshotPreferences(c, changes, idList, uids) : [];
  const answerUids = new Set([...ratings.map((r) => r.answerUid), ...preferences.flatMap((p) => [p.answerA, p.answerB])]);
  if (answerUids.size === 0) return [];
  const answers = readAnswers(c, f, [...answerUids], ratings);
  const answered = new Set(answers.map((a) => a.answer.questionUid));
  const questionIds = JSON.stringify(ids.filter((q) => answered.has(q.uid)).map((q) => q.id));
  // Nothing reads a question's texts when they are not exported and no answer has to be scored.
  const textsOmitted = f.texts === 'none' && answers.every((a) => typeof a.cachedScores === 'string');
  const columns = textsOmitted ? QUESTION_COLUMNS_WITHOUT_TEXTS : QUESTION_COLUMNS;
  const questions = c.all(`SELECT ${columns} FROM questions q ${QUESTION_JOINS} WHERE q.id ${IN_LIST} ORDER BY q.id`, [questionIds]).map(questionFromRow);
  const sets = setsOf(c, questionIds);
  const assembled = assemble(questions, sets, answers, ratings, preferences, overrides);
  if (textsOmitted) for (const q of assembled) q.textsOmitted = true;
  return assembled;
}

type ReadAnswer = Partial<ExportAnswerRow> & { answer: StoredAnswer };

function readAnswers(c: Connection, f: ExportStreamFilter, uids: string[], ratings: readonly Rating[]): ReadAnswer[] {
  const list = JSON.stringify(uids);
  if (f.scorer !== undefined) return c.all(EXPORT_ANSWER_SELECT, [exportTextMode(f.texts ?? 'all'), f.scorer, list]).map(exportAnswerFromRow);
  const threshold = f.answerTextsFor;
  if (!threshold) return c.all(`${ANSWER_JSON_SELECT} WHERE a.uid ${IN_LIST} ORDER BY a.id`, [list]).map((row) => ({ answer: answerFromJsonRow(row) }));
  const byAnswer = byAnswerUid(ratings);
  const withTexts = JSON.stringify(uids.filter((uid) => reachesThreshold(byAnswer.get(uid) ?? [], threshold)));
  return c.all(ANSWER_SELECT_SOME_TEXTS, [list, withTexts]).map((row) => {
    const { answer, textsOmitted } = exportAnswerFromRow(row);
    return textsOmitted ? { answer, textsOmitted } : { answer };
  });
}

function nextQuestions(c: Connection, f: ExportStreamFilter, after: number, size: number): { id: number; uid: string }[] {
  const rows =
    f.set === undefined
      ? c.all('SELECT id, uid FROM questions WHERE id > ? ORDER BY id LIMIT ?', [after, size])
      : c.all(
          `SELECT q.id AS id, q.uid AS uid FROM question_sets s JOIN set_questions sq ON sq.set_id = s.id JOIN questions q ON q.id = sq.question_id
           WHERE s.name = CAST(? AS TEXT) AND sq.question_id > ? ORDER BY sq.question_id LIMIT ?`,
          [utf8(f.set), after, size],
        );
  return rows.map((r) => ({ id: readNumber(r.id), uid: readText(r.uid) }));
}

/** The ratings of the questions `idList` (`uids`) as of the moment; with `onlyAnswers`, of those answers only. */
function snapshotRatings(c: Connection, changes: SnapshotChanges, f: ExportStreamFilter, idList: string, uids: Set<string>, onlyAnswers?: ReadonlySet<string>): Rating[] {
  const params: SqlParam[] = [idList];
  let sql = `${f.ratingValues === false ? RATING_JSON_SELECT_WITHOUT_VALUES : RATING_JSON_SELECT} WHERE a.question_id ${IN_LIST}`;
  if (f.rubricKey !== undefined) {
    sql += ' AND r.rubric_key = CAST(? AS TEXT)';
    params.push(utf8(f.rubricKey));
  }
  if (onlyAnswers) {
    sql += ` AND a.uid ${IN_LIST}`;
    params.push(JSON.stringify([...onlyAnswers]));
  }
  // No ORDER BY: assemble() orders each answer's ratings (by rater, then rubric, a unique key), and sorting
  // the rows here cost SQLite a temporary B-tree of every row, a third of the query.
  const now = c.all(sql, params).map(ratingFromJsonRow);
  const kept: Rating[] = [];
  for (const r of now) {
    const then = changes.asOfSnapshot('rating', r.rater, ratingKey(r.answerUid, r.rubricKey), r);
    if (then) kept.push(then);
  }
  const gone = changes.vanished<Rating>(
    'rating',
    (r) => uids.has(r.questionUid) && (f.rubricKey === undefined || r.rubricKey === f.rubricKey) && (!onlyAnswers || onlyAnswers.has(r.answerUid)),
  );
  return [...kept, ...gone];
}

function snapshotPreferences(c: Connection, changes: SnapshotChanges, idList: string, uids: Set<string>): Preference[] {
  const now = c.all(`${PREFERENCE_SELECT} WHERE aa.question_id ${IN_LIST} ORDER BY p.id`, [idList]).map(preferenceFromRow);
  const kept: Preference[] = [];
  for (const p of now) {
    const then = changes.asOfSnapshot('preference', p.rater, preferenceKey(p.answerA, p.answerB), p);
    if (then) kept.push(then);
  }
  return [...kept, ...changes.vanished<Preference>('preference', (p) => uids.has(p.questionUid))];
}

function setsOf(c: Connection, questionIds: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const rows = c.all(
    `SELECT q.uid AS uid, CAST(s.name AS BLOB) AS name FROM set_questions sq JOIN question_sets s ON s.id = sq.set_id
     JOIN questions q ON q.id = sq.question_id WHERE sq.question_id ${IN_LIST} ORDER BY s.name`,
    [questionIds],
  );
  for (const r of rows) {
    const uid = readText(r.uid);
    out.set(uid, [...(out.get(uid) ?? []), readText(r.name)]);
  }
  return out;
}

function assemble(
  questions: StoredQuestion[],
  sets: Map<string, string[]>,
  answers: ReadAnswer[],
  ratings: Rating[],
  preferences: Preference[],
  overrides: Map<string, ChoiceOverride[]>,
): ExportQuestion[] {
  const byQuestion = new Map<string, ExportQuestion>();
  for (const question of questions) byQuestion.set(question.uid, { question, sets: sets.get(question.uid) ?? [], answers: [], preferences: [] });
  const byAnswer = new Map<string, ExportAnswer>();
  for (const { answer, cachedScores, textsOmitted, quoted } of answers) {
    const entry: ExportAnswer = { answer, ratings: [], overrides: overrides.get(answer.uid) ?? [] };
    if (cachedScores !== undefined) entry.cachedScores = cachedScores;
    if (textsOmitted) entry.textsOmitted = true;
    if (quoted) entry.quoted = quoted;
    byAnswer.set(answer.uid, entry);
    byQuestion.get(answer.questionUid)?.answers.push(entry);
  }
  for (const r of ratings) byAnswer.get(r.answerUid)?.ratings.push(r);
  for (const entry of byAnswer.values()) entry.ratings.sort((x, y) => compareCodePoints(x.rater, y.rater) || compareCodePoints(x.rubricKey, y.rubricKey));
  for (const p of preferences) byQuestion.get(p.questionUid)?.preferences.push(p);
  return [...byQuestion.values()];
}
