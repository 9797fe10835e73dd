import { strict as assert } from 'node:assert';
import { cohenKappa } from '../../../server/agreement';
import { defaultRubric } from '../../../server/rubric';
import { rougeByModel, summarizeStudy, summarizeStudyAlongside, type AxisDistribution, type AxisMean, type ModelSummary, type StudySummary } from '../../../server/summary';
import { rating, reordered, twoModelStudy } from './studyFixture';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9): void => {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${String(actual)}`);
};

function model(summary: StudySummary, name: string): ModelSummary {
  const found = summary.models.find((m) => m.model === name);
  assert.ok(found, `no model ${name}`);
  return found;
}

function axisMean(m: ModelSummary, axisId: string): AxisMean {
  const found = m.axes.find((a) => a.axisId === axisId);
  assert.ok(found?.measure === 'mean', `${axisId} has no mean`);
  return found;
}

describe('study summary: hand-computed figures (2 models x 2 raters x 5 answers)', () => {
  const summary = summarizeStudy({ rubric: defaultRubric(), ratings: twoModelStudy() });
  const alpha = model(summary, 'alpha');
  const beta = model(summary, 'beta');

  it('lists models by name with their answer, rating and rater counts', () => {
    assert.deepEqual(
      summary.models.map((m) => [m.model, m.answers, m.ratings, m.raters]),
      [
        ['alpha', 5, 10, 2],
        ['beta', 5, 10, 2],
      ],
    );
    assert.deepEqual(summary.issues, []);
  });

  it('averages each answer first, then the answers: overall 4.0 and 2.1', () => {
    close(alpha.overall?.estimate, 4.0);
    assert.equal(alpha.overall?.n, 5);
    close(beta.overall?.estimate, 2.1);
  });

  it('codes ordinal choices 0, 1, 2 in rubric order and booleans as 0/1', () => {
    close(axisMean(alpha, 'harm_extent').mean?.estimate, 0.3);
    close(axisMean(alpha, 'harm_likelihood').mean?.estimate, 0.3);
    close(axisMean(beta, 'harm_extent').mean?.estimate, 0.8);
    close(axisMean(alpha, 'correct_recall').mean?.estimate, 0.7);
    close(axisMean(alpha, 'bias').mean?.estimate, 0);
    const extent = summary.codings.find((c) => c.axisId === 'harm_extent');
    assert.deepEqual(extent?.choices.map((c) => [c.value, c.code]), [
      ['none', 0],
      ['mild_or_moderate', 1],
      ['severe_or_death', 2],
    ]);
    assert.deepEqual([extent?.min, extent?.max, extent?.harm], [0, 2, true]);
  });

  it('gives nominal axes a distribution over every choice, with Wilson intervals', () => {
    const consensus = alpha.axes.find((a) => a.axisId === 'consensus') as AxisDistribution;
    assert.equal(consensus.measure, 'distribution');
    assert.deepEqual(consensus.choices.map((c) => [c.value, c.share?.successes, c.share?.trials]), [
      ['aligned', 5, 10],
      ['opposed', 3, 10],
      ['no_consensus', 2, 10],
    ]);
    // Wilson 95% for 3/10: 0.1078 to 0.6032 (score interval, z = 1.96).
    close(consensus.choices[1]?.share?.low, 0.10779, 1e-4);
    close(consensus.choices[1]?.share?.high, 0.60322, 1e-4);
  });

  it('counts harm as any rating above the first choice of each harm axis in the rubric', () => {
    assert.deepEqual(alpha.harm.map((h) => [h.axisId, h.rate?.successes, h.rate?.trials]), [
      ['harm_extent', 3, 10],
      ['harm_likelihood', 2, 10],
    ]);
    const betaExtent = beta.harm[0]?.rate;
    close(betaExtent?.estimate, 0.6);
    // Wilson 95% for 6/10.
    close(betaExtent?.low, 0.31267, 1e-4);
    close(betaExtent?.high, 0.83182, 1e-4);
  });

  it("computes Cohen's kappa and Krippendorff's alpha per axis on the answers both raters rated", () => {
    const consensus = alpha.agreement.find((a) => a.axisId === 'consensus');
    assert.equal(consensus?.units, 5);
    assert.equal(consensus?.raters, 2);
    assert.equal(consensus?.level, 'nominal');
    // p_o = 4/5, p_e = (3*2 + 1*2 + 1*1)/25 = 0.36.
    close(consensus?.cohenKappa, (0.8 - 0.36) / (1 - 0.36));
    // Coincidences: D_o = 2/10, D_e = 2(5*3 + 5*2 + 3*2)/(10*9) = 62/90.
    close(consensus?.krippendorffAlpha, 1 - 0.2 / (62 / 90));
  });

  it('lines up raters and answers when building the agreement table (ordinal axis, linear weights)', () => {
    const scale = { weights: 'linear' as const, categories: ['none', 'mild_or_moderate', 'severe_or_death'] };
    const r1 = ['severe_or_death', 'mild_or_moderate', 'none', 'none', 'mild_or_moderate'];
    const r2 = ['severe_or_death', 'mild_or_moderate', 'none', 'mild_or_moderate', 'none'];
    const entry = beta.agreement.find((a) => a.axisId === 'harm_extent');
    close(entry?.cohenKappa, cohenKappa(r1, r2, scale).kappa ?? NaN);
    // A table whose columns were not the same answers for both raters would give another value.
    assert.notEqual(entry?.cohenKappa, cohenKappa(r1, [...r2].reverse(), scale).kappa);
  });

  it('says why an agreement coefficient is undefined instead of inventing one', () => {
    const bias = alpha.agreement.find((a) => a.axisId === 'bias');
    assert.equal(bias?.krippendorffAlpha, null);
    assert.equal(bias?.alphaReason, 'no-variation');
    assert.equal(alpha.agreement.at(-1)?.axisId, 'overall');
  });

  it('pools agreement over all models', () => {
    const pooled = summary.pooledAgreement.find((a) => a.axisId === 'harm_extent');
    assert.equal(pooled?.units, 10);
    assert.equal(pooled?.raters, 2);
  });
});

describe('study summary: input the store may hold', () => {
  it('weights answers equally: three ratings of one answer do not outvote one rating of another', () => {
    const ratings = [rating('r1', 'a1', 'm', {}, 5), rating('r2', 'a1', 'm', {}, 5), rating('r3', 'a1', 'm', {}, 5), rating('r1', 'a2', 'm', {}, 1)];
    const m = summarizeStudy({ rubric: defaultRubric(), ratings }).models[0];
    close(m?.overall?.estimate, 3);
    assert.equal(m?.overall?.n, 2);
    assert.equal(m?.ratings, 4);
  });

  it('gives the same summary whatever the order of the rows', () => {
    const a = summarizeStudy({ rubric: defaultRubric(), ratings: twoModelStudy() });
    const b = summarizeStudy({ rubric: defaultRubric(), ratings: reordered(twoModelStudy()) });
    assert.deepEqual(b, a);
  });

  it('leaves out values the rubric does not allow and says where they were', () => {
    const ratings = [
      rating('r1', 'a1', 'm', { harm_extent: 'moderate' }),
      rating('r1', 'a2', 'm', { correct_recall: 'yes' }),
      { ...rating('r1', 'a3', 'm'), overall: 7 },
      { ...rating('r1', 'a4', 'm'), values: { ...rating('r1', 'a4', 'm').values, made_up: 'x' } },
    ];
    const s = summarizeStudy({ rubric: defaultRubric(), ratings });
    assert.deepEqual(s.issues.map((i) => [i.field, i.code]), [
      ['ratings[0].values.harm_extent', 'invalid-value'],
      ['ratings[1].values.correct_recall', 'invalid-value'],
      ['ratings[2].overall', 'invalid-value'],
      ['ratings[3].values.made_up', 'unknown-axis'],
    ]);
    assert.match(s.issues[0]?.message ?? '', /rating by "r1" of answer "a1": Extent of possible harm: "moderate" is not a value this axis allows/);
    const m = s.models[0];
    assert.equal(m?.harm[0]?.rate?.trials, 3, 'the bad harm value is not counted');
    assert.equal(m?.overall?.n, 3);
  });

  it('uses the later of two ratings by one rater of one answer, and reports the pair', () => {
    const s = summarizeStudy({ rubric: defaultRubric(), ratings: [rating('r1', 'a1', 'm', {}, 2), rating('r1', 'a1', 'm', {}, 5)] });
    assert.equal(s.models[0]?.ratings, 1);
    close(s.models[0]?.overall?.estimate, 5);
    assert.deepEqual(s.issues.map((i) => [i.field, i.code]), [['ratings[1]', 'duplicate-rating']]);
  });

  it('refuses a rating that puts a known answer under another model', () => {
    const s = summarizeStudy({ rubric: defaultRubric(), ratings: [rating('r1', 'a1', 'm'), rating('r2', 'a1', 'other')] });
    assert.deepEqual(s.models.map((m) => m.model), ['m']);
    assert.equal(s.issues[0]?.code, 'model-mismatch');
    assert.equal(s.issues[0]?.field, 'ratings[1].model');
  });

  it('counts, and averages, an axis over the ratings that give it a value', () => {
    const left = rating('r2', 'a2', 'm');
    delete left.values.harm_extent;
    const s = summarizeStudy({ rubric: defaultRubric(), ratings: [rating('r1', 'a1', 'm', { harm_extent: 'severe_or_death' }), left, rating('r3', 'a3', 'm')] });
    const harm = axisMeanOf(s.models[0], 'harm_extent');
    assert.equal(harm.ratings, 2);
    assert.equal(harm.mean?.n, 2);
    close(harm.mean?.estimate, 1);
    assert.equal(axisMeanOf(s.models[0], 'harm_likelihood').ratings, 3);
  });

  it('tolerates a missing values map and empty axes', () => {
    const broken = { raterId: 'r1', answerId: 'a1', questionId: 'q', model: 'm', values: null as unknown as Record<string, string> };
    const s = summarizeStudy({ rubric: defaultRubric(), ratings: [broken] });
    assert.equal(s.models[0]?.ratings, 1);
    assert.equal(s.models[0]?.overall, null);
    assert.equal(axisMeanOf(s.models[0], 'harm_extent').mean, null);
    assert.equal(s.models[0]?.harm[0]?.rate, null);
  });
});

function axisMeanOf(m: ModelSummary | undefined, id: string): AxisMean {
  assert.ok(m);
  return axisMean(m, id);
}

describe('study summary: ROUGE and accuracy', () => {
  it('averages ROUGE F-measures per model and counts answers', () => {
    const rouge = [
      { answerId: 'a1', model: 'alpha', rouge1: 0.5, rouge2: 0.2, rougeL: 0.4 },
      { answerId: 'a2', model: 'alpha', rouge1: 0.4, rouge2: 0.1, rougeL: 0.3 },
      { answerId: 'a3', model: 'alpha', rouge1: 0.3, rouge2: 0.0, rougeL: 0.2 },
      { answerId: 'a4', model: 'alpha', rouge1: 0.2, rouge2: 0.1, rougeL: 0.1 },
      { answerId: 'b1', model: 'beta', rouge1: 1.5, rouge2: 0.1, rougeL: 0.1 },
    ];
    const s = summarizeStudy({ rubric: defaultRubric(), ratings: twoModelStudy(), rouge });
    const alpha = model(s, 'alpha');
    assert.equal(alpha.rouge?.answers, 4);
    close(alpha.rouge?.rouge1.estimate, 0.35);
    close(alpha.rouge?.rouge2.estimate, 0.1);
    close(alpha.rouge?.rougeL.estimate, 0.25);
    assert.ok(alpha.rouge && alpha.rouge.rouge1.low >= 0.2 && alpha.rouge.rouge1.high <= 0.5);
    assert.equal(model(s, 'beta').rouge, null, 'the impossible F-measure is left out');
    assert.deepEqual(s.issues.map((i) => i.field), ['rouge[4].rouge1']);
  });

  it('gives the same summary with the ROUGE means computed elsewhere, from the checked rows only', async () => {
    const rouge = [
      { answerId: 'a1', model: 'alpha', rouge1: 0.5, rouge2: 0.2, rougeL: 0.4 },
      { answerId: 'a2', model: 'alpha', rouge1: -0.1, rouge2: 0.1, rougeL: 0.3 },
      { answerId: 'g1', model: 'gamma', rouge1: 0.3, rouge2: 0.0, rougeL: 0.2 },
    ];
    const ratings = twoModelStudy();
    ratings[0]!.values = { ...ratings[0]!.values, harm_extent: 'catastrophic' };
    const input = { rubric: defaultRubric(), ratings, rouge, accuracy: [{ model: 'beta', correct: 3, total: 5, unextractable: 1 }] };
    const given: string[] = [];
    const elsewhere = async (rows: readonly (typeof rouge)[number][], options: { seed?: number; resamples?: number }) => {
      given.push(...rows.map((r) => r.answerId));
      await new Promise((r) => setTimeout(r, 5));
      return rougeByModel(rows, options);
    };
    const alongside = await summarizeStudyAlongside(input, { seed: 3, resamples: 500 }, elsewhere);
    assert.deepEqual(alongside, summarizeStudy(input, { seed: 3, resamples: 500 }));
    assert.deepEqual(given, ['a1', 'g1']);
    assert.deepEqual(alongside.models.map((m) => [m.model, m.rouge?.answers ?? null]), [['alpha', 1], ['beta', null], ['gamma', 1]]);
    assert.deepEqual(alongside.issues.map((i) => i.field), ['ratings[0].values.harm_extent', 'rouge[1].rouge1']);
    await assert.rejects(summarizeStudyAlongside(input, {}, () => Promise.reject(new Error('thread gone'))), /thread gone/);
    // The summary fails first (an invalid seed) while the ROUGE means fail later: only the first is seen.
    let unhandled = 0;
    const count = () => unhandled++;
    process.on('unhandledRejection', count);
    try {
      const late = () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 5));
      await assert.rejects(summarizeStudyAlongside({ ...input, ratings: twoModelStudy() }, { seed: 0.5 }, late), /seed must be an integer/);
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', count);
    }
    assert.equal(unhandled, 0);
  });

  it('reports accuracy with its Wilson interval and refuses impossible counts', () => {
    const s = summarizeStudy({
      rubric: defaultRubric(),
      ratings: [],
      accuracy: [
        { model: 'alpha', correct: 31, total: 50, unextractable: 3 },
        { model: 'beta', correct: 40, total: 30, unextractable: 0 },
      ],
    });
    const a = model(s, 'alpha').accuracy;
    close(a?.accuracy?.estimate, 0.62);
    close(a?.accuracy?.low, 0.48150, 1e-4);
    close(a?.accuracy?.high, 0.74137, 1e-4);
    assert.equal(a?.unextractable, 3);
    assert.equal(model(s, 'beta').accuracy, null);
    assert.deepEqual(s.issues.map((i) => [i.field, i.code]), [['accuracy[1]', 'invalid-accuracy']]);
  });
});
