import { formatProblem } from '../problem';
import { validateRubricText, type Rubric } from '../rubric';
import type { RubricVersion } from '../store';
import { ExportError } from './types';

/**
 * The rubric a summary is made with: the newest registered version of the key (the one the project grades
 * with now). Ratings made under an older version are checked against it by the summary, which reports any
 * value it no longer allows.
 */
export function summaryRubric(versions: readonly RubricVersion[], key: string): Rubric {
  const newest = versions.filter((v) => v.key === key).reduce<RubricVersion | undefined>((a, v) => (!a || v.createdAt >= a.createdAt ? v : a), undefined);
  if (!newest) throw new ExportError(`no rubric '${key}' in the review database`);
  const where = `rubric '${key}' version ${newest.version} (${newest.hash}) in the review database`;
  const checked = validateRubricText(newest.body, where);
  if (!checked.rubric) {
    const problems = checked.problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw new ExportError(`${where} is not a valid rubric, so no summary can be made with it:\n${problems.join('\n')}`);
  }
  return checked.rubric;
}

/**
 * Axis ids for the CSV columns: every axis of every registered version of the given rubric keys, in rubric
 * order, first version first. A stored body that is not a rubric object contributes none (its ratings'
 * values then land in `other_values`).
 */
export function axisIdsOf(versions: readonly RubricVersion[], keys: readonly string[]): string[] {
  const ids: string[] = [];
  const ordered = [...versions].sort((a, b) => a.createdAt - b.createdAt);
  for (const v of ordered) {
    if (!keys.includes(v.key)) continue;
    for (const id of axisIdsOfBody(v.body)) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function axisIdsOfBody(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const axes = typeof parsed === 'object' && parsed !== null ? (parsed as { axes?: unknown }).axes : undefined;
  if (!Array.isArray(axes)) return [];
  return axes.flatMap((a: unknown) => {
    const id = typeof a === 'object' && a !== null ? (a as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
}
