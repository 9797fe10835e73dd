import { strict as assert } from 'node:assert';
import { agreementReport, axisAgreement, cohenKappa, krippendorffAlpha, levelOfAxis, overallAgreement, summarizeAgreement } from '../../../server/agreement';
import { defaultRubric, type RubricAxis } from '../../../server/rubric';

function axis(id: string): RubricAxis {
  const a = defaultRubric().axes.find((x) => x.id === id);
  assert.ok(a);
  return a;
}

describe('agreement report', () => {
  it('gives Cohen only for two raters and Fleiss only without missing values', () => {
    const two = agreementReport([[1, 2, 3, 1], [1, 2, 2, 1]], 'nominal');
    assert.ok(two.cohenKappa && two.fleissKappa);
    const three = agreementReport([[1, 2, 3], [1, 2, 2], [1, 2, null]], 'nominal');
    assert.equal(three.cohenKappa, null);
    assert.equal(three.fleissKappa, null);
    assert.equal(typeof three.krippendorffAlpha.alpha, 'number');
  });

  it('weights Cohen by level by default: none, linear, quadratic', () => {
    const a = [1, 2, 3, 4, 2];
    const b = [1, 3, 3, 2, 2];
    const kappaAt = (level: 'nominal' | 'ordinal' | 'interval'): number | null => agreementReport([a, b], level).cohenKappa?.kappa ?? null;
    assert.equal(kappaAt('nominal'), cohenKappa(a, b).kappa);
    assert.equal(kappaAt('ordinal'), cohenKappa(a, b, { weights: 'linear' }).kappa);
    assert.equal(kappaAt('interval'), cohenKappa(a, b, { weights: 'quadratic' }).kappa);
  });

  it('summarizes to exactly the three numbers of the CLI contract', () => {
    const s = summarizeAgreement(agreementReport([[1, 1], [2, 2]], 'nominal'));
    assert.deepEqual(Object.keys(s), ['krippendorffAlpha', 'fleissKappa', 'cohenKappa']);
  });
});

describe('agreement on rubric axes', () => {
  it('maps axis kinds to levels of measurement; text has none', () => {
    assert.deepEqual(
      (['ordinal', 'nominal', 'boolean', 'interval', 'text'] as const).map((kind) => levelOfAxis({ kind })),
      ['ordinal', 'nominal', 'nominal', 'interval', undefined],
    );
  });

  it('orders an ordinal axis by its choices, so text values work and an unused middle category counts', () => {
    const raters = [
      ['none', 'severe_or_death', 'none', 'severe_or_death', 'none'],
      ['none', 'none', 'none', 'severe_or_death', 'severe_or_death'],
    ];
    const result = axisAgreement(axis('harm_extent'), raters);
    assert.ok(result);
    assert.equal(result.level, 'ordinal');
    const order = ['none', 'mild_or_moderate', 'severe_or_death'];
    assert.equal(result.krippendorffAlpha.alpha, krippendorffAlpha(raters, 'ordinal', { order }).alpha);
    assert.equal(result.cohenKappaLinear?.kappa, cohenKappa(raters[0] ?? [], raters[1] ?? [], { weights: 'linear', categories: order }).kappa);
    assert.equal(result.cohenKappaQuadratic?.kappa, cohenKappa(raters[0] ?? [], raters[1] ?? [], { weights: 'quadratic', categories: order }).kappa);
  });

  it('treats yes/no axes as nominal without weighted kappas', () => {
    const result = axisAgreement(axis('bias'), [[true, false, false], [true, true, false]]);
    assert.equal(result?.level, 'nominal');
    assert.equal(result?.cohenKappaLinear, null);
    assert.equal(typeof result?.cohenKappa?.kappa, 'number');
  });

  it('has no agreement for a text axis', () => {
    assert.equal(axisAgreement({ id: 'note', label: 'Note', kind: 'text', required: false, choices: [] }, [['a'], ['b']]), undefined);
  });

  it('rates the overall score on the full 1-5 scale', () => {
    const raters = [[1, 5, 3, 5], [2, 5, 3, 4]];
    const result = overallAgreement(raters);
    assert.equal(result.axisId, 'overall');
    assert.equal(result.cohenKappaQuadratic?.kappa, cohenKappa(raters[0] ?? [], raters[1] ?? [], { weights: 'quadratic', categories: [1, 2, 3, 4, 5] }).kappa);
  });
});
