import { strict as assert } from 'node:assert';
import { answerRougePath, lowRougeMetric, ScoreCacheFiller } from '../../../server/export/scoreFill';
import { DEFAULT_ROUGE_SETTINGS, scoreRougeTypes } from '../../../server/metrics';
import type { Store } from '../../../server/store';
import { addPlainAnswer, MODELS, useStudyStore, type StudyQuestion } from './studyFixture';

/** The ROUGE filter of the panel's list: every answer scored into the cache, a little at a time, then filtered in SQL. */
describe('export: filling the score cache for the ROUGE filter', () => {
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ store, qs } = opened));

  const answerCount = (): number => qs.reduce((n, q) => n + q.answers.length, 0);

  /** ROUGE-L F of each answer against its question's reference, as the panel's chips compute it; null without a reference. */
  function rougeL(): { questionUid: string; model: string; f: number | null }[] {
    return qs.flatMap((q) =>
      q.answers.map((a) => {
        const ref = q.question.reference?.answer;
        return { questionUid: q.question.uid, model: a.model, f: ref ? scoreRougeTypes(ref, a.split.answer, ['rougeL']).rougeL.fmeasure : null };
      }),
    );
  }

  async function listed(filler: ScoreCacheFiller, below: number, model?: string): Promise<string[]> {
    const { rows } = await store.listQuestions({ scoreBelow: { scorer: filler.scorer, path: answerRougePath('rougeL'), below }, model, limit: 1000 });
    return rows.map((r) => r.uid).sort();
  }

  it('scores every answer as the panel does, and lists exactly the questions with an answer below the threshold', async () => {
    const filler = new ScoreCacheFiller(store, DEFAULT_ROUGE_SETTINGS);
    assert.equal(lowRougeMetric(DEFAULT_ROUGE_SETTINGS), 'rougeL');
    assert.equal(await store.countUnscoredAnswers(filler.scorer), answerCount());
    assert.equal(await filler.fill(60_000), 0);
    assert.equal(await store.countUnscoredAnswers(filler.scorer), 0);

    const scores = rougeL();
    const values = scores.map((s) => s.f).filter((f): f is number => f !== null).sort((a, b) => a - b);
    assert.ok(scores.some((s) => s.f === null), 'the study has questions without a reference');
    const threshold = values[Math.floor(values.length / 2)]!;
    const expected = (model?: string) =>
      [...new Set(scores.filter((s) => s.f !== null && s.f < threshold && (!model || s.model === model)).map((s) => s.questionUid))].sort();
    assert.ok(expected().length > 0 && expected().length < qs.length, 'the threshold splits the study');
    assert.deepEqual(await listed(filler, threshold), expected());
    // With the model filter, one and the same answer must be that model's and below the threshold.
    assert.deepEqual(await listed(filler, threshold, MODELS.plain), expected(MODELS.plain));
  });

  it('works a round at a time and says how many answers are left; calls made meanwhile share the work', async () => {
    const filler = new ScoreCacheFiller(store, DEFAULT_ROUGE_SETTINGS, 4);
    const total = answerCount();
    const first = filler.fill(0);
    assert.equal(filler.fill(0), first, 'a second call while one runs gets the same work');
    assert.equal(await first, total - 4);
    assert.equal(await filler.fill(0), total - 8);
    assert.equal(await filler.fill(60_000), 0);
    assert.equal(await store.countUnscoredAnswers(filler.scorer), 0);
  });

  it('scores an answer added after every answer was scored, on the next call', async () => {
    const filler = new ScoreCacheFiller(store, DEFAULT_ROUGE_SETTINGS);
    assert.equal(await filler.fill(60_000), 0);
    const q = qs[0]!;
    await addPlainAnswer(store, q.question, 'gen/late', 'The answer is B.');
    assert.equal(await store.countUnscoredAnswers(filler.scorer), 1);
    assert.equal(await filler.fill(60_000), 0);
    assert.equal(await store.countUnscoredAnswers(filler.scorer), 0);
  });

  it('scores anew under other ROUGE settings: their scores are other scores', async () => {
    await new ScoreCacheFiller(store, DEFAULT_ROUGE_SETTINGS).fill(60_000);
    const stemmed = new ScoreCacheFiller(store, { ...DEFAULT_ROUGE_SETTINGS, useStemmer: true });
    assert.notEqual(stemmed.scorer, new ScoreCacheFiller(store, DEFAULT_ROUGE_SETTINGS).scorer);
    assert.equal(await store.countUnscoredAnswers(stemmed.scorer), answerCount());
  });
});
