import { isAbsolute, resolve } from 'node:path';
import { formatProblem } from '../problem';
import { defaultRubric, loadRubricFile, rubricContentHash, type Rubric } from '../rubric';
import type { RubricView } from '../protocol';

/**
 * The rubric ratings are made with: the configured `*.rubric.json`, or the built-in physician rubric. A
 * rubric file with errors is reported and the built-in one is used, so grading never stops on a typo; the
 * problems are shown in the panel and as diagnostics on the file.
 */
export async function activeRubric(configuredPath: string, workspaceFolder: string | undefined): Promise<RubricView> {
  if (!configuredPath.trim()) return view(defaultRubric(), undefined, []);
  const file = isAbsolute(configuredPath) ? configuredPath : resolve(workspaceFolder ?? process.cwd(), configuredPath);
  const loaded = await loadRubricFile(file);
  if (loaded.rubric) return view(loaded.rubric, file, []);
  const problems = loaded.problems.filter((p) => p.severity === 'error').map(formatProblem);
  return view(defaultRubric(), undefined, problems.length ? problems : [`${file}: the rubric could not be read`]);
}

function view(rubric: Rubric, file: string | undefined, problems: string[]): RubricView {
  return { rubric, hash: rubricContentHash(rubric), file, problems };
}
