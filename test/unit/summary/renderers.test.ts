import { strict as assert } from 'node:assert';
import { defaultRubric } from '../../../server/rubric';
import { renderSummaryCsv, renderSummaryMarkdown, SUMMARY_CSV_COLUMNS, summarizeStudy, type SummaryRating } from '../../../server/summary';
import { rating, reordered, twoModelStudy } from './studyFixture';

/** RFC 4180 reader written for the test, so the renderer's quoting is checked by something else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the text ends with a line break');
  return rows;
}

function records(csv: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(csv);
  assert.deepEqual(head, [...SUMMARY_CSV_COLUMNS]);
  return rows.map((r) => {
    assert.equal(r.length, SUMMARY_CSV_COLUMNS.length, JSON.stringify(r));
    return Object.fromEntries(SUMMARY_CSV_COLUMNS.map((c, i) => [c, r[i] ?? '']));
  });
}

/** The cells of the table row whose first cell is `first`. */
function tableRow(markdown: string, first: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${first} |`));
  assert.ok(line, `no row "${first}" in\n${markdown}`);
  return splitRow(line);
}

/** Splits a table line on unescaped pipes, as a GFM renderer does. */
function splitRow(line: string): string[] {
  return line
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

const rouge = [
  { answerId: 'a1', model: 'alpha', rouge1: 0.5, rouge2: 0.2, rougeL: 0.4 },
  { answerId: 'a2', model: 'alpha', rouge1: 0.3, rouge2: 0.0, rougeL: 0.2 },
];

describe('summary Markdown', () => {
  const summary = summarizeStudy({ rubric: defaultRubric(), ratings: twoModelStudy(), rouge, accuracy: [{ model: 'beta', correct: 31, total: 50, unextractable: 3 }] });
  const md = renderSummaryMarkdown(summary);

  it('puts models in columns and "mean [lo, hi]" in the cells', () => {
    assert.deepEqual(tableRow(md, 'Measure').slice(1), ['alpha', 'beta']);
    const overall = tableRow(md, 'Overall quality (1–5)');
    assert.match(overall[1] ?? '', /^4\.00 \[\d\.\d\d, \d\.\d\d\]$/);
    assert.match(overall[2] ?? '', /^2\.10 \[/);
    assert.match(tableRow(md, 'Extent of possible harm (0–2)')[2] ?? '', /^0\.80 \[/);
    assert.match(tableRow(md, 'Correct recall of knowledge (% yes)')[1] ?? '', /^70\.0% \[/);
  });

  it('writes rates with their Wilson interval and counts, and nominal axes as distributions', () => {
    assert.equal(tableRow(md, 'Extent of possible harm: above "No harm"')[2], '60.0% [31.3%, 83.2%] (6/10)');
    assert.equal(tableRow(md, 'Contradicts consensus')[1], '30.0% [10.8%, 60.3%] (3/10)');
    assert.equal(tableRow(md, 'Accuracy')[2], '62.0% [48.2%, 74.1%] (31/50)');
    assert.equal(tableRow(md, 'ROUGE-1')[1]?.slice(0, 5), '0.400');
    assert.equal(tableRow(md, 'ROUGE-1')[2], '–');
  });

  it('reports agreement per model and pooled, with the reason when undefined', () => {
    const consensus = tableRow(md, 'Scientific consensus');
    assert.equal(consensus[1], 'α 0.71, κ 0.69 (n = 5)');
    assert.equal(consensus[2], 'α n/a (all values equal) (n = 5)');
    assert.match(consensus[3] ?? '', /\(n = 10\)$/);
  });

  it('documents the numeric coding of each scale', () => {
    assert.ok(md.includes('- Extent of possible harm (ordinal): No harm = 0, Mild or moderate harm = 1, Severe harm or death = 2'), md);
    assert.ok(md.includes('- Possibility of bias (boolean): No = 0, Yes = 1'));
  });

  it('is the same text for the same data in another order', () => {
    const again = summarizeStudy({ rubric: defaultRubric(), ratings: reordered(twoModelStudy()), rouge: [...rouge].reverse(), accuracy: [{ model: 'beta', correct: 31, total: 50, unextractable: 3 }] });
    assert.equal(renderSummaryMarkdown(again), md);
  });

  it('keeps hostile model names as inert text inside one cell', () => {
    const hostile = 'evil | <script>alert(1)</script> [x](javascript:alert(1))\nnext';
    const ratings: SummaryRating[] = [rating('r1', 'h1', hostile), rating('r1', 'g1', 'good')];
    const out = renderSummaryMarkdown(summarizeStudy({ rubric: defaultRubric(), ratings }));
    assert.ok(!out.includes('<script>'), 'no raw HTML');
    assert.ok(!/(?<!\\)\]\(/.test(out), 'no link: every ] before ( is escaped');
    const header = tableRow(out, 'Measure');
    assert.equal(header.length, 3, `one column per model: ${JSON.stringify(header)}`);
    assert.equal(header[1], 'evil \\| \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) next');
  });

  it('lists what it left out', () => {
    const out = renderSummaryMarkdown(summarizeStudy({ rubric: defaultRubric(), ratings: [rating('r1', 'a1', 'm', { harm_extent: 'lots' })] }));
    assert.match(out, /## Left out\n\nInput the summary could not use \(1\):\n\n- `ratings\[0\]\.values\.harm_extent`: rating by "r1" of answer "a1": Extent of possible harm: "lots" is not/);
  });
});

describe('summary CSV', () => {
  const summary = summarizeStudy({ rubric: defaultRubric(), ratings: twoModelStudy(), rouge });
  const rows = records(renderSummaryCsv(summary));
  const find = (model: string, group: string, measure: string, statistic: string): Record<string, string> => {
    const row = rows.find((r) => r.model === model && r.group === group && r.measure === measure && r.statistic === statistic);
    assert.ok(row, `no row ${model}/${group}/${measure}/${statistic}`);
    return row;
  };

  it('has one row per model x measure with plain numbers', () => {
    const overall = find('alpha', 'rating', 'overall', 'mean');
    assert.equal(overall.estimate, '4');
    assert.equal(overall.n, '5');
    assert.ok(Number(overall.ci_low) <= 4 && Number(overall.ci_high) >= 4);
    const harm = find('beta', 'harm', 'harm_extent', 'rate');
    assert.deepEqual([harm.estimate, harm.count, harm.n, harm.ci_low, harm.ci_high], ['0.6', '6', '10', '0.312674', '0.83182']);
    assert.equal(find('alpha', 'choice', 'consensus=opposed', 'share').count, '3');
    assert.equal(find('alpha', 'rouge', 'rouge1', 'mean').estimate, '0.4');
  });

  it('gives agreement rows per model and for all models, kappa only for two raters', () => {
    assert.equal(find('alpha', 'agreement', 'consensus', 'cohen_kappa').estimate, '0.6875');
    assert.equal(find('alpha', 'agreement', 'consensus', 'krippendorff_alpha').note, 'level=nominal');
    const pooled = rows.filter((r) => r.scope === 'all');
    assert.ok(pooled.length > 0 && pooled.every((r) => r.model === '' && r.group === 'agreement' && r.n === '10'));
    const empty = find('alpha', 'agreement', 'bias', 'krippendorff_alpha');
    assert.deepEqual([empty.estimate, empty.note], ['', 'no-variation']);
    const three = summarizeStudy({ rubric: defaultRubric(), ratings: [rating('r1', 'a1', 'm'), rating('r2', 'a1', 'm'), rating('r3', 'a1', 'm')] });
    assert.ok(!records(renderSummaryCsv(three)).some((r) => r.statistic === 'cohen_kappa'));
  });

  it('quotes untrusted names and defuses spreadsheet formulas', () => {
    const names = ['=HYPERLINK("http://x")', 'a,b "c"\nd', '@sum', '-1+1'];
    const ratings = names.map((n, i) => rating('r1', `a${i}`, n));
    const parsed = records(renderSummaryCsv(summarizeStudy({ rubric: defaultRubric(), ratings })));
    const models = [...new Set(parsed.map((r) => r.model))].filter((m) => m !== '');
    assert.deepEqual(models.sort(), ["'-1+1", "'=HYPERLINK(\"http://x\")", "'@sum", 'a,b "c"\nd']);
  });

  it('is byte-identical for the same data in another order', () => {
    const again = summarizeStudy({ rubric: defaultRubric(), ratings: reordered(twoModelStudy()), rouge: [...rouge].reverse() });
    assert.equal(renderSummaryCsv(again), renderSummaryCsv(summary));
  });
});
