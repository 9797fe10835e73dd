import { strict as assert } from 'node:assert';
import { axisAgreement, overallAgreement, type AxisAgreement, type MaybeValue } from '../../../server/agreement';
import { seededRandom } from '../../../server/metrics/stats';
import { defaultRubric, type RatingValue } from '../../../server/rubric';
import { summarizeStudy, type AgreementEntry, type SummaryRating } from '../../../server/summary';

const rubric = defaultRubric();

/** Raters who mostly agree on `answers` answers of one model; each rater skips an answer with probability `skip`. */
function study(raters: string[], answers: number, skip: number, seed: number, model = 'm'): SummaryRating[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random.next() * xs.length)]!;
  const ratings: SummaryRating[] = [];
  for (let a = 0; a < answers; a++) {
    const answerId = `${model}-a${String(a).padStart(4, '0')}`;
    const truth = rubric.axes.map((axis) => (axis.kind === 'text' ? null : pick(axis.choices).value));
    const overall = 1 + Math.floor(random.next() * 5);
    for (const raterId of raters) {
      if (random.next() < skip) continue;
      const values: Record<string, RatingValue | null> = {};
      rubric.axes.forEach((axis, i) => {
        if (axis.kind === 'text' || random.next() < 0.05) return;
        values[axis.id] = random.next() < 0.7 ? truth[i]! : pick(axis.choices).value;
      });
      ratings.push({ raterId, answerId, questionId: `q${a}`, model, values, overall: random.next() < 0.7 ? overall : 1 + Math.floor(random.next() * 5) });
    }
  }
  return ratings;
}

/** The coefficients server/agreement gives on the raters x answers table of the answers two or more rated. */
function reference(ratings: SummaryRating[]): AxisAgreement[] {
  const perAnswer = new Map<string, SummaryRating[]>();
  for (const r of ratings) perAnswer.set(r.answerId, [...(perAnswer.get(r.answerId) ?? []), r]);
  const units = [...perAnswer.keys()].filter((id) => perAnswer.get(id)!.length >= 2).sort();
  const raters = [...new Set(ratings.map((r) => r.raterId))].sort();
  const table = (valueOf: (r: SummaryRating) => MaybeValue): MaybeValue[][] =>
    raters.map((rater) => units.map((id) => {
      const r = perAnswer.get(id)!.find((x) => x.raterId === rater);
      return r ? (valueOf(r) ?? null) : null;
    }));
  const out: AxisAgreement[] = [];
  for (const axis of rubric.axes) {
    const report = axisAgreement(axis, table((r) => r.values[axis.id]));
    if (report) out.push(report);
  }
  out.push(overallAgreement(table((r) => r.overall)));
  return out;
}

function assertSame(entries: readonly AgreementEntry[], expected: readonly AxisAgreement[]): void {
  assert.deepEqual(entries.map((e) => e.axisId), expected.map((e) => e.axisId));
  entries.forEach((entry, i) => {
    const want = expected[i]!;
    const near = (got: number | null, wanted: number | null | undefined, what: string): void => {
      if (wanted === null || wanted === undefined) return assert.equal(got, null, `${entry.axisId} ${what}`);
      assert.ok(got !== null && Math.abs(got - wanted) < 1e-12, `${entry.axisId} ${what}: ${got} against ${wanted}`);
    };
    near(entry.krippendorffAlpha, want.krippendorffAlpha.alpha, 'alpha');
    near(entry.cohenKappa, want.cohenKappa?.kappa, 'kappa');
    assert.equal(entry.alphaReason, want.krippendorffAlpha.reason, `${entry.axisId} alpha reason`);
    assert.equal(entry.kappaReason, want.cohenKappa?.reason, `${entry.axisId} kappa reason`);
    assert.equal(entry.raters, want.raters);
    assert.equal(entry.level, want.level);
  });
}

describe('agreement from category tables', () => {
  it("gives server/agreement's alpha and kappa for two raters with missing ratings", () => {
    const ratings = study(['dr-b', 'dr-a'], 400, 0.1, 1);
    const entries = summarizeStudy({ rubric, ratings }).pooledAgreement;
    assert.ok(entries.some((e) => e.cohenKappa !== null && e.cohenKappa > 0.3), 'the raters agree beyond chance');
    assertSame(entries, reference(ratings));
  });

  it("gives server/agreement's alpha for three raters, some answers rated by two, some by three", () => {
    const ratings = study(['r1', 'r2', 'r3'], 300, 0.3, 2);
    const entries = summarizeStudy({ rubric, ratings }).pooledAgreement;
    assert.ok(entries.every((e) => e.cohenKappa === null && e.raters === 3));
    assertSame(entries, reference(ratings));
  });

  it('pools the models: the agreement of all their ratings together, and each model its own', () => {
    const parts = [study(['r1', 'r2'], 200, 0.1, 4, 'alpha'), study(['r1', 'r2'], 150, 0.2, 5, 'beta'), study(['r1', 'r2', 'r3'], 120, 0.3, 6, 'gamma')];
    const summary = summarizeStudy({ rubric, ratings: parts.flat() });
    assertSame(summary.pooledAgreement, reference(parts.flat()));
    assert.ok(summary.pooledAgreement.every((e) => e.raters === 3 && e.units > 300));
    summary.models.forEach((m, i) => assertSame(m.agreement, reference(parts[i]!)));
    const twoModels = summarizeStudy({ rubric, ratings: [...parts[0]!, ...parts[1]!] }).pooledAgreement;
    assert.ok(twoModels.every((e) => e.raters === 2 && e.cohenKappa !== null));
    assertSame(twoModels, reference([...parts[0]!, ...parts[1]!]));
  });

  it('leaves an interval axis to server/agreement, value by value, beside the counted axes', () => {
    const withInterval = { ...rubric, axes: [...rubric.axes, { id: 'confidence', label: 'Confidence', kind: 'interval' as const, required: false, choices: [], min: 0, max: 100 }] };
    const ratings = study(['r1', 'r2'], 200, 0.1, 8).map((r, i) => ({ ...r, values: { ...r.values, confidence: (i * 37) % 101 } }));
    const entries = summarizeStudy({ rubric: withInterval, ratings }).pooledAgreement;
    const confidence = entries.find((e) => e.axisId === 'confidence');
    const table = [0, 1].map((rater) => {
      const byAnswer = new Map(ratings.filter((r) => r.raterId === `r${rater + 1}`).map((r) => [r.answerId, r.values.confidence ?? null]));
      const units = [...new Set(ratings.map((r) => r.answerId))].filter((id) => ratings.filter((r) => r.answerId === id).length >= 2).sort();
      return units.map((id) => byAnswer.get(id) ?? null);
    });
    const want = axisAgreement(withInterval.axes.at(-1)!, table)!;
    assert.equal(confidence?.level, 'interval');
    assert.ok(want.krippendorffAlpha.alpha !== null && confidence?.krippendorffAlpha === want.krippendorffAlpha.alpha);
    assert.equal(confidence.cohenKappa, want.cohenKappa?.kappa);
    assert.deepEqual(entries.map((e) => e.axisId), [...rubric.axes.filter((a) => a.kind !== 'text').map((a) => a.id), 'confidence', 'overall']);
  });

  it('says why when every pairable value is the same', () => {
    const ratings = study(['r1', 'r2'], 50, 0, 3).map((r) => ({ ...r, overall: 4 }));
    const overall = summarizeStudy({ rubric, ratings }).pooledAgreement.at(-1)!;
    assert.equal(overall.axisId, 'overall');
    assert.equal(overall.krippendorffAlpha, null);
    assert.equal(overall.alphaReason, 'no-variation');
    assert.equal(overall.kappaReason, 'no-variation');
  });
});
