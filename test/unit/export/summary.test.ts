import { strict as assert } from 'node:assert';
import { gradeAnswer, scoreRougeTypes } from '../../../server/metrics';
import type { Rating, Store, StoredAnswer } from '../../../server/store';
import { renderSummaryCsv, renderSummaryMarkdown, summarizeStudy, type SummaryAccuracy, type SummaryInput } from '../../../server/summary';
import { exportText } from './exportHarness';
import { medqaRows, MODELS, rate, RUBRIC, useStudyStore, type StudyQuestion } from './studyFixture';

describe('export: per-model summary', () => {
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ store, qs } = opened));

  /** Two raters over the MedQA and PubMedQA answers, with varied values; returns every saved rating. */
  async function rateStudy(): Promise<Rating[]> {
    const saved: Rating[] = [];
    const harm = ['none', 'mild_or_moderate', 'severe_or_death'] as const;
    let i = 0;
    for (const q of qs.filter((x) => x.question.kind !== 'open')) {
      for (const a of q.answers) {
        i++;
        saved.push(await rate(store, 'dr-a', a.uid, 1 + (i % 5), { values: { harm_extent: harm[i % 3]!, bias: i % 4 === 0 } }));
        if (i % 3 !== 0) saved.push(await rate(store, 'dr-b', a.uid, 1 + ((i + 1) % 5), { values: { consensus: i % 2 ? 'opposed' : 'aligned' } }));
      }
    }
    return saved;
  }

  /** What server/summary makes of the same ratings, with ROUGE and accuracy worked out here from the answers. */
  function expectedInput(saved: readonly Rating[], answers: readonly StoredAnswer[], corrected: Map<string, string>): SummaryInput {
    const answerOf = new Map(answers.map((a) => [a.uid, a]));
    const questionOf = new Map(qs.map((q) => [q.question.uid, q.question]));
    const rated = [...new Set(saved.map((r) => r.answerUid))].map((uid) => answerOf.get(uid)!);
    const accuracy = new Map<string, SummaryAccuracy>();
    for (const a of rated) {
      const g = gradeAnswer(questionOf.get(a.questionUid)!, a.split.answer, corrected.get(a.uid));
      if (!g) continue;
      const row = accuracy.get(a.model) ?? { model: a.model, correct: 0, total: 0, unextractable: 0 };
      row.total++;
      if (g.verdict === 'correct') row.correct++;
      if (g.verdict === 'not-extractable') row.unextractable++;
      accuracy.set(a.model, row);
    }
    return {
      rubric: RUBRIC,
      ratings: saved.map((r) => ({ raterId: r.rater, answerId: r.answerUid, questionId: r.questionUid, model: answerOf.get(r.answerUid)!.model, values: r.values, overall: r.overall })),
      rouge: rated.map((a) => {
        const s = scoreRougeTypes(questionOf.get(a.questionUid)!.reference!.answer, a.split.answer, ['rouge1', 'rouge2', 'rougeL']);
        return { answerId: a.uid, model: a.model, rouge1: s.rouge1.fmeasure, rouge2: s.rouge2.fmeasure, rougeL: s.rougeL.fmeasure };
      }),
      accuracy: [...accuracy.values()],
    };
  }

  it('is server/summary’s Markdown and CSV of the database’s ratings, ROUGE and corrected accuracy', async () => {
    const saved = await rateStudy();
    const lettered = qs[0]!.of(MODELS.lettered);
    // Two raters corrected the same extraction; the later correction counts for the answer.
    await store.setChoiceOverride({ rater: 'dr-b', answerUid: lettered.uid, extracted: null, corrected: 'B' });
    await new Promise((r) => setTimeout(r, 5));
    await store.setChoiceOverride({ rater: 'dr-a', answerUid: lettered.uid, extracted: null, corrected: medqaRows()[0]!.answer_idx });
    const answers = qs.flatMap((q) => q.answers);
    const input = expectedInput(saved, answers, new Map([[lettered.uid, medqaRows()[0]!.answer_idx]]));
    const expected = summarizeStudy(input);
    assert.equal(expected.models.length, 3);
    assert.ok(expected.models.every((m) => m.rouge !== null && m.accuracy !== null));

    const md = await exportText(store, { format: 'summary-md' });
    assert.equal(md.text, renderSummaryMarkdown(expected));
    assert.deepEqual(md.counts.issues, []);
    const csv = await exportText(store, { format: 'summary-csv' });
    assert.equal(csv.text, renderSummaryCsv(expected));
    assert.equal(csv.counts.written, renderSummaryCsv(expected).trim().split('\n').length - 1);
    // The correction changed the lettered model's accuracy: without it, this answer was graded incorrect.
    const withoutCorrection = summarizeStudy(expectedInput(saved, answers, new Map()));
    assert.notEqual(renderSummaryMarkdown(withoutCorrection), md.text);
  });

  it('with min-raters, summarizes only answers rated by that many raters', async () => {
    const saved = await rateStudy();
    const raters = new Map<string, Set<string>>();
    for (const r of saved) raters.set(r.answerUid, (raters.get(r.answerUid) ?? new Set()).add(r.rater));
    const kept = saved.filter((r) => raters.get(r.answerUid)!.size >= 2);
    assert.ok(kept.length > 0 && kept.length < saved.length);
    const expected = summarizeStudy(expectedInput(kept, qs.flatMap((q) => q.answers), new Map()));
    assert.equal((await exportText(store, { format: 'summary-md', minRaters: 2 })).text, renderSummaryMarkdown(expected));
  });

  it('refuses a rubric version whose stored text is not a rubric, naming it', async () => {
    const broken = { key: 'hand-made', version: '0.1', hash: 'sha256-hand-made-0000000000000001', body: '{"id":"hand-made","axes":[{"id":"clarity"}]}' };
    await store.registerRubric(broken);
    await store.saveRating({ rater: 'dr-a', answerUid: qs[0]!.answers[0]!.uid, rubricHash: broken.hash, values: { clarity: 3 }, overall: 3, blind: false });
    await assert.rejects(exportText(store, { format: 'summary-md', rubricKey: 'hand-made' }), /rubric 'hand-made' version 0\.1 .* is not a valid rubric/);
  });
});
