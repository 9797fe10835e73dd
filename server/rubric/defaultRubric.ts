import defaultRubricJson from './default.rubric.json';
import type { Rubric } from './types';
import { validateRubricText } from './validateRubric';

/** File name under which the extension writes the default rubric into a workspace. */
export const DEFAULT_RUBRIC_FILE_NAME = 'physician.rubric.json';

/** The default rubric as file text, for a "create rubric" command or a study to start from. */
export function defaultRubricText(): string {
  return `${JSON.stringify(defaultRubricJson, null, 2)}\n`;
}

let cached: Rubric | undefined;

/** The physician rubric after the Med-PaLM evaluation axes, validated and normalized like any file. */
export function defaultRubric(): Rubric {
  if (!cached) {
    const { rubric, problems } = validateRubricText(defaultRubricText(), DEFAULT_RUBRIC_FILE_NAME);
    // Shipped with the extension and covered by a test, so a failure here is a build defect.
    if (!rubric) throw new Error(`the built-in rubric is invalid: ${problems.map((p) => p.message).join('; ')}`);
    cached = rubric;
  }
  return structuredClone(cached);
}
