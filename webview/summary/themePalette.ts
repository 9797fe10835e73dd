import { resolvePalette, type ChartPalette } from './palette';

/** The current VS Code theme's chart colours, read from the CSS variables VS Code sets on the page. */
export function currentThemePalette(element: Element = document.documentElement): ChartPalette {
  const style = getComputedStyle(element);
  return resolvePalette((name) => style.getPropertyValue(name));
}
