import { readFile } from 'node:fs/promises';
import { formatProblem } from '../problem';
import { builtinTemplate } from './builtin';
import { hasErrors, parseTemplate } from './parseTemplate';
import type { PromptTemplate } from './types';

/**
 * A template from disk (or `builtin:<id>`), refused with every error in `file:line:col` form if it has any:
 * a broken template would silently produce a batch of wrong prompts.
 */
export async function loadTemplateFile(path: string): Promise<PromptTemplate> {
  if (path.startsWith('builtin:')) return builtinTemplate(path.slice('builtin:'.length));
  const text = await readFile(path, 'utf8');
  const { template, problems } = parseTemplate(text, path);
  if (!template || hasErrors(problems)) {
    throw new Error(`template ${path} has errors:\n${problems.filter((p) => p.severity === 'error').map(formatProblem).join('\n')}`);
  }
  return template;
}
