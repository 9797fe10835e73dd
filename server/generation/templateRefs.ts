import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { formatProblem } from '../problem';
import { BUILTIN_TEMPLATE_TEXTS, hasErrors, parseTemplate, type PromptTemplate } from '../templates';

/** A template with the exact text it was parsed from (stored with generations and jobs, so any version can be shown again). */
export interface TemplateSource {
  /** How it was named: `builtin:<id>` or a path. */
  ref: string;
  template: PromptTemplate;
  text: string;
}

/** The template cannot be used; the message lists every error as `file:line:col`. */
export class TemplateRefError extends Error {}

const BUILTIN = 'builtin:';

/** The default of `medreview.generation.template`: the seed study's chain-of-thought prompt. */
export const DEFAULT_TEMPLATE_REF = 'builtin:medical-cot';

/** Parses template text, refusing one with errors: a broken template would produce a batch of wrong prompts. */
export function templateFromText(ref: string, text: string, file: string): TemplateSource {
  const { template, problems } = parseTemplate(text, file);
  if (!template || hasErrors(problems)) {
    const errors = problems.filter((p) => p.severity === 'error').map(formatProblem);
    throw new TemplateRefError(`template ${ref} has errors:\n${errors.join('\n')}`);
  }
  return { ref, template, text };
}

/** Where a workspace template reference points: relative to a workspace folder, or absolute. */
async function readWorkspaceTemplate(ref: string, folders: readonly string[]): Promise<{ path: string; text: string }> {
  if (!ref.toLowerCase().endsWith('.prompt.md')) throw new TemplateRefError(`'${ref}' is not a template: expected builtin:<id> or a *.prompt.md file`);
  const candidates = isAbsolute(ref) ? [ref] : (folders.length ? folders : [process.cwd()]).map((f) => resolve(f, ref));
  for (const path of candidates) {
    try {
      return { path, text: await readFile(path, 'utf8') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new TemplateRefError(`cannot read template ${path}: ${(err as Error).message}`);
    }
  }
  throw new TemplateRefError(`template ${ref} not found (looked in ${candidates.join(', ')})`);
}

/** Loads `builtin:<id>` or a workspace `*.prompt.md` file. */
export async function loadTemplateRef(ref: string, folders: readonly string[]): Promise<TemplateSource> {
  if (ref.startsWith(BUILTIN)) {
    const id = ref.slice(BUILTIN.length);
    const text = BUILTIN_TEMPLATE_TEXTS[id];
    if (text === undefined) throw new TemplateRefError(`no built-in template '${id}' (built in: ${Object.keys(BUILTIN_TEMPLATE_TEXTS).join(', ')})`);
    return templateFromText(ref, text, ref);
  }
  const { path, text } = await readWorkspaceTemplate(ref, folders);
  return templateFromText(ref, text, path);
}
