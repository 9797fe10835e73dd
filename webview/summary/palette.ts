/**
 * Chart colours. In the panel the chart takes them from VS Code's theme through CSS classes (summary.css),
 * so it follows light, dark and high-contrast themes live. A file saved outside VS Code has no theme, so
 * the export resolves each colour to a concrete value first. Pure: the browser lookup is passed in.
 */

export interface ChartPalette {
  /** Fill behind the chart; null for a transparent background. */
  background: string | null;
  /** Text, whiskers and axis. */
  foreground: string;
  /** Grid lines. */
  grid: string;
  /** One colour per model, cycled. */
  series: readonly string[];
  fontFamily: string;
}

/** The theme variables the panel's CSS uses, in the same order as the series classes `mr-series-0..5`. */
export const SERIES_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-yellow',
  '--vscode-charts-red',
] as const;

export const SERIES_COUNT = SERIES_VARIABLES.length;

/**
 * For papers: white background, near-black text, and the Okabe-Ito colours, which stay distinct for the
 * common colour-vision deficiencies and in greyscale print (yellow swapped for sky blue, which reads on white).
 */
export const PRINT_PALETTE: ChartPalette = {
  background: '#ffffff',
  foreground: '#1f1f1f',
  grid: '#d4d4d4',
  series: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'],
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
};

/** Reads one CSS custom property; returns '' or undefined when the theme does not set it. */
export type ThemeLookup = (variable: string) => string | undefined;

/**
 * The current theme's colours as concrete values, for a standalone file. Every value is checked: a
 * variable that is missing, or holds anything but a plain colour, falls back to `fallback`'s value.
 */
export function resolvePalette(read: ThemeLookup, fallback: ChartPalette = PRINT_PALETTE): ChartPalette {
  const colour = (names: readonly string[], otherwise: string): string => {
    for (const name of names) {
      const value = safeColour(read(name));
      if (value) return value;
    }
    return otherwise;
  };
  return {
    background: colour(['--vscode-editor-background'], fallback.background ?? '#ffffff'),
    foreground: colour(['--vscode-charts-foreground', '--vscode-foreground'], fallback.foreground),
    grid: colour(['--vscode-charts-lines', '--vscode-widget-border'], fallback.grid),
    series: SERIES_VARIABLES.map((name, i) => colour([name], fallback.series[i % fallback.series.length] ?? fallback.foreground)),
    fontFamily: safeFontFamily(read('--vscode-font-family')) ?? fallback.fontFamily,
  };
}

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTIONAL = /^(?:rgba?|hsla?)\(\s*[-+0-9.%\s,/deg]*\)$/i;
const NAMED = /^[a-z]{3,20}$/i;

/** A CSS colour in one of the plain forms a file can hold, or undefined (var(), url(), anything odd). */
export function safeColour(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (HEX.test(v) || FUNCTIONAL.test(v)) return v;
  if (NAMED.test(v) && !['inherit', 'initial', 'unset', 'revert', 'currentcolor'].includes(v.toLowerCase())) return v;
  return undefined;
}

/** A font-family list of names and quotes only, or undefined. */
export function safeFontFamily(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && /^[\w\s,"'.-]+$/.test(v) ? v : undefined;
}
