import type { DpoAnswerRow, DpoRows, Preference, StoredQuestion } from '../store';
import type { PairAnswer, PairQuestion } from './dpoPairs';

/** A question of a chunk's DPO rows, with its answers as the pairing sees them; each `of` is its quoted completion. */
export interface RowQuestion {
  question: StoredQuestion;
  pairing: PairQuestion<Uint8Array>;
}

/**
 * The questions of a chunk's DPO rows (dpoRows.ts in the store) in the order the object path hands them
 * out: by question id, each question's answers by id, its preferences as stored.
 */
export function rowQuestions(rows: DpoRows['dpo']): RowQuestion[] {
  const answers = rowAnswers(rows).sort((x, y) => x.row[0] - y.row[0] || x.row[1] - y.row[1]);
  const questionIds = [...new Set(answers.map((a) => a.row[0]))];
  if (questionIds.length !== rows.questions.length) throw new Error(`internal: DPO rows of ${questionIds.length} questions came with ${rows.questions.length}`);
  const out = rows.questions.map((question) => ({ question, answers: [] as PairAnswer<Uint8Array>[], preferences: [] as Preference[] }));
  const byId = new Map(questionIds.map((id, i) => [id, out[i]!]));
  const byUid = new Map(out.map((q) => [q.question.uid, q]));
  for (const a of answers) byId.get(a.row[0])!.answers.push(a.pair);
  for (const p of rows.preferences) byUid.get(p.questionUid)?.preferences.push(p);
  return out.map(({ question, answers: pairs, preferences }) => ({ question, pairing: { answers: pairs, preferences } }));
}

/** The answers in the order SQLite wrote them, each with its completion cut from `finals` by the lengths. */
function rowAnswers({ answers, finals }: DpoRows['dpo']): { row: DpoAnswerRow; pair: PairAnswer<Uint8Array> }[] {
  const rows = JSON.parse(Buffer.from(answers.buffer, answers.byteOffset, answers.byteLength).toString('utf8')) as DpoAnswerRow[];
  let offset = 0;
  return rows.map((row) => {
    const [, , uid, model, length, ratings, raters, scored, total, hasFinal] = row;
    const of = finals.subarray(offset, offset + length);
    offset += length;
    return { row, pair: { uid, model, ratings, raters, meanOverall: scored === 0 ? null : total / scored, hasFinalAnswer: hasFinal === 1, of } };
  });
}
