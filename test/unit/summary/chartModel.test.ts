import { strict as assert } from 'node:assert';
import { defaultRubric } from '../../../server/rubric';
import { summarizeStudy } from '../../../server/summary';
import { summaryCharts, type BarChart } from '../../../webview/summary/chartModel';
import { chartFileName } from '../../../webview/summary/chartExport';
import { twoModelStudy } from './studyFixture';

function byId(charts: BarChart[], id: string): BarChart {
  const found = charts.find((c) => c.id === id);
  assert.ok(found, `no chart ${id} in ${charts.map((c) => c.id).join(', ')}`);
  return found;
}

describe('summary charts (one per measure group)', () => {
  const summary = summarizeStudy({
    rubric: defaultRubric(),
    ratings: twoModelStudy(),
    accuracy: [{ model: 'alpha', correct: 31, total: 50, unextractable: 3 }],
  });
  const charts = summaryCharts(summary);

  it('makes a chart per group that has data, and none for ROUGE when no answer was scored', () => {
    assert.deepEqual(charts.map((c) => c.id), ['overall', 'scale-harm_extent', 'yes-no', 'choices-consensus', 'harm', 'accuracy']);
    assert.deepEqual(charts.map((c) => chartFileName(c, 'svg')).slice(0, 2), ['summary-overall.svg', 'summary-scale-harm_extent.svg']);
  });

  it('plots the same estimates and intervals as the summary, models in summary order with fixed colours', () => {
    const overall = byId(charts, 'overall');
    assert.deepEqual(overall.domain, [1, 5]);
    assert.deepEqual(overall.series.map((s) => [s.model, s.colourIndex]), [
      ['alpha', 0],
      ['beta', 1],
    ]);
    const alpha = summary.models[0]!;
    assert.deepEqual(overall.series[0]?.values[0], { estimate: alpha.overall!.estimate, low: alpha.overall!.low, high: alpha.overall!.high, n: 5 });
    const harm = byId(charts, 'harm');
    assert.deepEqual(harm.categories.map((c) => c.id), ['harm_extent', 'harm_likelihood']);
    assert.equal(harm.series[1]?.values[0]?.estimate, 0.6);
    assert.equal(harm.series[1]?.values[0]?.n, 10, 'rates count ratings');
    assert.equal(harm.style, 'percent');
  });

  it('puts ordinal axes with the same coded range on one axis, and yes/no axes on a 0-100% one', () => {
    const scale = byId(charts, 'scale-harm_extent');
    assert.deepEqual(scale.domain, [0, 2]);
    assert.deepEqual(scale.categories.map((c) => c.id), ['harm_extent', 'harm_likelihood', 'inappropriate_content', 'missing_content']);
    assert.match(scale.note, /No harm = 0, Mild or moderate harm = 1, Severe harm or death = 2/);
    const yesNo = byId(charts, 'yes-no');
    assert.deepEqual(yesNo.domain, [0, 1]);
    assert.equal(yesNo.categories.length, 7);
    assert.equal(yesNo.series[0]?.values[yesNo.categories.findIndex((c) => c.id === 'correct_recall')]?.estimate, 0.7);
  });

  it('shows every choice of a nominal axis and leaves a gap where a model has no figure', () => {
    const consensus = byId(charts, 'choices-consensus');
    assert.deepEqual(consensus.categories.map((c) => c.label), ['Agrees with consensus', 'Contradicts consensus', 'No consensus exists']);
    assert.deepEqual(consensus.series[0]?.values.map((v) => v?.estimate), [0.5, 0.3, 0.2]);
    const accuracy = byId(charts, 'accuracy');
    assert.equal(accuracy.series[1]?.values[0], null, 'beta has no accuracy');
  });

  it('draws nothing for a study without data', () => {
    assert.deepEqual(summaryCharts(summarizeStudy({ rubric: defaultRubric(), ratings: [] })), []);
  });
});
