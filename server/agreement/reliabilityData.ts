import type { AgreementValue, MaybeValue } from './values';

/**
 * Ratings arranged as in the reliability literature: one row per rater, one column per unit (an
 * answer, or an answer's axis), `null` where a rater did not rate a unit.
 */
export type ReliabilityData = readonly (readonly MaybeValue[])[];

/** Rejects ragged rows and values no statistic can use; the message names the rater and unit. */
export function assertReliabilityData(data: ReliabilityData): void {
  const width = data[0]?.length ?? 0;
  data.forEach((row, r) => {
    if (row.length !== width) throw new RangeError(`rater ${r + 1} has ${row.length} values but rater 1 has ${width}`);
    row.forEach((v, u) => {
      if (v === null || v === undefined) return;
      if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`rater ${r + 1}, unit ${u + 1}: ${v} is not a finite number`);
      if (!['string', 'number', 'boolean'].includes(typeof v)) throw new TypeError(`rater ${r + 1}, unit ${u + 1}: a ${typeof v} is not a rating value`);
    });
  });
}

/** The present values of each unit (column), in unit order. */
export function valuesByUnit(data: ReliabilityData): AgreementValue[][] {
  const width = data[0]?.length ?? 0;
  const units: AgreementValue[][] = Array.from({ length: width }, () => []);
  for (const row of data) {
    row.forEach((v, u) => {
      if (v !== null && v !== undefined) units[u]?.push(v);
    });
  }
  return units;
}

/** Whether any rater left any unit unrated. */
export function hasMissing(data: ReliabilityData): boolean {
  return data.some((row) => row.some((v) => v === null || v === undefined));
}

/** A value in the input that is not usable, with its position as array indices `[rater, unit]`. */
export interface ReliabilityDataError {
  path: number[];
  message: string;
}

/**
 * Reads reliability data from parsed JSON (the CLI's stdin): an array of raters, each an array of
 * values per unit. Returns the first bad spot rather than throwing, so the caller can point at it.
 */
export function readReliabilityData(value: unknown): { data: ReliabilityData } | { error: ReliabilityDataError } {
  if (!Array.isArray(value)) return { error: { path: [], message: 'expected a JSON array of raters, each an array of values per unit' } };
  const rows: MaybeValue[][] = [];
  for (const [r, row] of (value as unknown[]).entries()) {
    if (!Array.isArray(row)) return { error: { path: [r], message: `rater ${r + 1} is not an array of values` } };
    const out: MaybeValue[] = [];
    for (const [u, v] of (row as unknown[]).entries()) {
      if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out.push(v);
      else return { error: { path: [r, u], message: `rater ${r + 1}, unit ${u + 1}: expected a string, number, boolean or null, got ${JSON.stringify(v)}` } };
    }
    rows.push(out);
  }
  const width = rows[0]?.length ?? 0;
  const ragged = rows.findIndex((row) => row.length !== width);
  if (ragged >= 0) {
    const message = `rater ${ragged + 1} has ${rows[ragged]?.length ?? 0} values but rater 1 has ${width}; use null for a missing rating`;
    return { error: { path: [ragged], message } };
  }
  return { data: rows };
}
