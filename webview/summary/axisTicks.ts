import { fixed, type NumberStyle } from '../../server/summary/numberText';

/**
 * About five round tick values across [min, max] (steps of 1, 2, 2.5 or 5 times a power of ten), so a
 * 0-1 share gets quarters, a 1-5 score whole points and a 0-2 scale halves.
 */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, target - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((s) => s * magnitude >= raw - 1e-12) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/** A tick label: percent without decimals for shares, the shortest exact form otherwise. */
export function tickLabel(value: number, style: NumberStyle): string {
  if (style === 'percent') return `${fixed(value * 100, 0)}%`;
  return String(Number(value.toFixed(3)));
}
