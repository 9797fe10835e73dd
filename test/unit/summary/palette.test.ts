import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/shared';
import { PRINT_PALETTE, resolvePalette, safeColour, SERIES_VARIABLES } from '../../../webview/summary/palette';

/** A theme as VS Code's webview exposes it: custom properties on the page; '' for one a theme leaves out. */
function lookup(values: Record<string, string>) {
  return (name: string): string => values[name] ?? '';
}

describe('chart palette for exported files', () => {
  it('takes the concrete colours of the current theme', () => {
    const p = resolvePalette(
      lookup({
        '--vscode-editor-background': ' #1e1e1e ',
        '--vscode-foreground': '#cccccc',
        '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
        '--vscode-charts-blue': '#3794ff',
        '--vscode-charts-orange': '#d18616',
        '--vscode-charts-green': '#89d185',
        '--vscode-charts-purple': '#b180d7',
        '--vscode-charts-yellow': '#cca700',
        '--vscode-charts-red': '#f14c4c',
        '--vscode-font-family': '-apple-system, BlinkMacSystemFont, "Segoe WPC", sans-serif',
      }),
    );
    assert.deepEqual(p, {
      background: '#1e1e1e',
      foreground: '#cccccc',
      grid: 'rgba(204, 204, 204, 0.5)',
      series: ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'],
      fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe WPC", sans-serif',
    });
  });

  it('prefers the charts foreground to the general one', () => {
    assert.equal(resolvePalette(lookup({ '--vscode-charts-foreground': '#010203', '--vscode-foreground': '#ffffff' })).foreground, '#010203');
  });

  it('falls back, colour by colour, where the theme sets nothing or something that is not a plain colour', () => {
    const p = resolvePalette(
      lookup({
        '--vscode-charts-blue': 'url(javascript:alert(1))',
        '--vscode-charts-orange': 'red" onload="alert(1)',
        '--vscode-charts-green': 'var(--other)',
        '--vscode-charts-purple': 'inherit',
        '--vscode-charts-yellow': 'teal',
        '--vscode-font-family': 'x</text><script>',
      }),
    );
    assert.deepEqual(p.series, [PRINT_PALETTE.series[0], PRINT_PALETTE.series[1], PRINT_PALETTE.series[2], PRINT_PALETTE.series[3], 'teal', PRINT_PALETTE.series[5]]);
    assert.equal(p.fontFamily, PRINT_PALETTE.fontFamily);
    assert.equal(p.background, PRINT_PALETTE.background);
  });

  it('accepts the colour forms a computed style gives and nothing else', () => {
    for (const ok of ['#fff', '#ffffff80', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)', 'hsl(120deg 50% 50%)', 'transparent']) assert.equal(safeColour(ok), ok);
    for (const bad of ['', '   ', '#ggg', 'rgb(1,2,3);x', 'expression(alert(1))', 'currentColor', '#12345']) assert.equal(safeColour(bad), undefined, bad);
  });

  it('resolves the same variables, in the same order, as the panel stylesheet colours the series with', () => {
    assert.equal(SERIES_VARIABLES.length, PRINT_PALETTE.series.length);
    const css = readFileSync(join(repoRoot, 'webview', 'summary', 'summary.css'), 'utf8');
    const rules = [...css.matchAll(/\.mr-series-(\d+) \{ fill: var\((--[\w-]+)\); \}/g)].map((m) => [Number(m[1]), m[2]]);
    assert.deepEqual(rules, SERIES_VARIABLES.map((v, i) => [i, v]));
  });
});
