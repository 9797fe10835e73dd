import { strict as assert } from 'node:assert';
import { niceTicks, tickLabel } from '../../../webview/summary/axisTicks';
import { barChartSvg } from '../../../webview/summary/barChartSvg';
import { standaloneChartSvg } from '../../../webview/summary/chartExport';
import type { BarChart } from '../../../webview/summary/chartModel';
import { PRINT_PALETTE, type ChartPalette } from '../../../webview/summary/palette';
import { allText, descendants, parseXml, type XmlElement } from './xmlCheck';

function chart(models: string[], values: BarChart['series'][number]['values'][], extra: Partial<BarChart> = {}): BarChart {
  return {
    id: 'harm',
    title: 'Possible harm',
    note: 'Share of ratings with 95% Wilson interval',
    style: 'percent',
    domain: [0, 1],
    categories: [{ id: 'harm_extent', label: 'Extent of possible harm' }],
    series: models.map((model, i) => ({ model, colourIndex: i, values: values[i] ?? [null] })),
    ...extra,
  };
}

const two = chart(['alpha', 'beta'], [[{ estimate: 0.5, low: 0.25, high: 0.75, n: 10 }], [{ estimate: 1, low: 0.7, high: 1, n: 10 }]]);

function bars(svg: XmlElement): XmlElement[] {
  return descendants(svg, 'rect').filter((r) => (r.attributes.class ?? '').includes('mr-bar'));
}

function num(e: XmlElement | undefined, name: string): number {
  const v = Number(e?.attributes[name]);
  assert.ok(Number.isFinite(v), `${name} of ${JSON.stringify(e?.attributes)}`);
  return v;
}

/** Start and end x of a whisker path "M x0 y H x1 ...". */
function whisker(row: XmlElement): [number, number] {
  const d = descendants(row, 'path')[0]?.attributes.d ?? '';
  const m = /^M([\d.]+) [\d.]+H([\d.]+)/.exec(d);
  assert.ok(m, d);
  return [Number(m[1]), Number(m[2])];
}

describe('bar chart SVG', () => {
  it('is well-formed and names itself for screen readers with every figure', () => {
    const svg = parseXml(barChartSvg(two, { paint: { kind: 'theme' } }));
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.role, 'img');
    const [titleId, descId] = (svg.attributes['aria-labelledby'] ?? '').split(' ');
    const title = descendants(svg, 'title').find((t) => t.attributes.id === titleId);
    const desc = descendants(svg, 'desc').find((t) => t.attributes.id === descId);
    assert.equal(title?.text, 'Possible harm');
    assert.equal(desc?.text, 'Share of ratings with 95% Wilson interval. alpha: 50.0% [25.0%, 75.0%]; beta: 100.0% [70.0%, 100.0%].');
  });

  it('draws bar lengths and whiskers to scale on the chart domain', () => {
    const svg = parseXml(barChartSvg(two, { paint: { kind: 'theme' } }));
    const [a, b] = bars(svg);
    assert.equal(num(a, 'x'), num(b, 'x'), 'bars start at the domain minimum');
    const full = num(b, 'width');
    assert.ok(full > 100);
    assert.equal(num(a, 'width'), full / 2);
    const rows = descendants(svg, 'g').filter((g) => g.attributes.class === 'mr-row');
    const [low, high] = whisker(rows[0]!);
    assert.equal(low, num(a, 'x') + full * 0.25);
    assert.equal(high, num(a, 'x') + full * 0.75);
    const ticks = descendants(svg, 'text').filter((t) => t.attributes.class === 'mr-tick');
    assert.deepEqual(ticks.map((t) => t.text), ['0%', '25%', '50%', '75%', '100%']);
    assert.equal(num(ticks[0], 'x'), num(a, 'x'));
    assert.equal(num(ticks[4], 'x'), num(a, 'x') + full);
  });

  it('clamps an interval that leaves the domain and says "no data" for a missing value', () => {
    const c = chart(['alpha', 'beta'], [[{ estimate: 0.9, low: 0.6, high: 1.3, n: 3 }], [null]]);
    const svg = parseXml(barChartSvg(c, { paint: { kind: 'theme' } }));
    const [bar] = bars(svg);
    assert.equal(bars(svg).length, 1, 'no bar for the missing value');
    const rows = descendants(svg, 'g').filter((g) => g.attributes.class === 'mr-row');
    const ticks = descendants(svg, 'text').filter((t) => t.attributes.class === 'mr-tick');
    assert.equal(whisker(rows[0]!)[1], num(ticks.at(-1), 'x'), 'the whisker stops at 100%');
    assert.ok(num(bar, 'x') > 0);
    assert.equal(descendants(rows[1]!, 'text').find((t) => t.attributes.class === 'mr-value')?.text, 'no data');
  });

  it('in the panel: theme classes, em sizes, and no style attribute or fixed colour (the CSP and the theme rule)', () => {
    const text = barChartSvg(two, { paint: { kind: 'theme' } });
    const svg = parseXml(text);
    assert.match(svg.attributes.width ?? '', /^[\d.]+em$/);
    assert.match(svg.attributes.height ?? '', /^[\d.]+em$/);
    assert.ok(!/\sstyle=/.test(text), 'no style attributes');
    assert.ok(!/#[0-9a-f]{3,8}\b|rgb\(/i.test(text), 'no concrete colours');
    assert.deepEqual(bars(svg).map((b) => b.attributes.class), ['mr-bar mr-series-0', 'mr-bar mr-series-1']);
    for (const t of descendants(svg, 'text')) assert.equal(t.attributes.fill, 'currentColor');
  });

  it('as a file: concrete palette colours, pixel sizes, a background, and nothing left to a theme', () => {
    const palette: ChartPalette = { ...PRINT_PALETTE, background: '#101010', foreground: '#eeeeee', series: ['#112233', '#445566'] };
    const text = standaloneChartSvg(two, palette);
    assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'));
    const svg = parseXml(text);
    assert.match(svg.attributes.width ?? '', /^\d+$/);
    assert.deepEqual(bars(svg).map((b) => b.attributes.fill), ['#112233', '#445566']);
    assert.equal(descendants(svg, 'rect')[0]?.attributes.fill, '#101010');
    for (const t of descendants(svg, 'text')) assert.equal(t.attributes.fill, '#eeeeee');
    assert.ok(!text.includes('var(') && !text.includes('currentColor'));
    assert.equal(svg.attributes['font-family'], PRINT_PALETTE.fontFamily);
  });

  it('keeps hostile model names inert, readable and whole in the tooltip', () => {
    const names = ['<script>alert(1)</script>', '" onload="alert(1)', 'a\u202Egnp.exe\u0000', 'x'.repeat(60)];
    const c = chart(names, names.map(() => [{ estimate: 0.5, low: 0.4, high: 0.6, n: 2 }]));
    const text = barChartSvg(c, { paint: { kind: 'theme' } });
    const svg = parseXml(text);
    assert.equal(descendants(svg, 'script').length, 0);
    assert.ok(descendants(svg).every((e) => !Object.keys(e.attributes).some((a) => a.startsWith('on'))), 'no event-handler attribute');
    const labels = descendants(svg, 'text').filter((t) => t.attributes.class === 'mr-label').map((t) => t.text);
    assert.deepEqual(labels.slice(0, 3), ['<script>alert(1)</script>', '" onload="alert(1)', 'agnp.exe']);
    assert.equal(labels[3], `${'x'.repeat(27)}…`);
    const tooltips = descendants(svg, 'g').filter((g) => g.attributes.class === 'mr-row').map((g) => descendants(g, 'title')[0]?.text ?? '');
    assert.ok(tooltips[3]?.startsWith(`${'x'.repeat(60)}: `), tooltips[3]);
    assert.ok(!allText(svg).includes('\u202E'));
  });

  it('gives every category its heading and keeps ids unique per prefix', () => {
    const c = chart(['alpha'], [], {
      categories: [
        { id: 'a', label: 'First axis' },
        { id: 'b', label: 'Second axis' },
      ],
      series: [{ model: 'alpha', colourIndex: 7, values: [{ estimate: 0.2, low: 0.1, high: 0.3, n: 4 }, null] }],
    });
    const svg = parseXml(barChartSvg(c, { paint: { kind: 'theme' }, idPrefix: 'panel' }));
    assert.deepEqual(descendants(svg, 'text').filter((t) => t.attributes.class === 'mr-category').map((t) => t.text), ['First axis', 'Second axis']);
    assert.equal(bars(svg)[0]?.attributes.class, 'mr-bar mr-series-1', 'colours cycle over six series');
    assert.equal(svg.attributes['aria-labelledby'], 'panel-harm-title panel-harm-desc');
    assert.equal(barChartSvg(c, { paint: { kind: 'theme' }, idPrefix: 'panel' }), barChartSvg(c, { paint: { kind: 'theme' }, idPrefix: 'panel' }), 'deterministic');
  });
});

describe('chart axis ticks', () => {
  it('picks round steps for the scales the summary uses', () => {
    assert.deepEqual(niceTicks(0, 1), [0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(niceTicks(1, 5), [1, 2, 3, 4, 5]);
    assert.deepEqual(niceTicks(0, 2), [0, 0.5, 1, 1.5, 2]);
    assert.deepEqual(niceTicks(0, 100), [0, 25, 50, 75, 100]);
    assert.deepEqual(niceTicks(0, 3), [0, 1, 2, 3]);
    assert.deepEqual(niceTicks(2, 2), [2]);
  });

  it('labels shares as whole percentages and scores in their shortest form', () => {
    assert.equal(tickLabel(0.25, 'percent'), '25%');
    assert.equal(tickLabel(1.5, 'score'), '1.5');
    assert.equal(tickLabel(0.3, 'rouge'), '0.3');
  });
});
