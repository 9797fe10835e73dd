import type { TemplateChoice, TemplatesListResult } from '../protocol';
import { BUILTIN_TEMPLATE_IDS } from '../templates';
import { findTemplateFiles } from './templateFiles';
import { DEFAULT_TEMPLATE_REF, loadTemplateRef, TemplateRefError } from './templateRefs';

async function choice(ref: string, folders: readonly string[]): Promise<TemplateChoice> {
  try {
    const { template } = await loadTemplateRef(ref, folders);
    return { ref, id: template.id, mode: template.mode, hash: template.hash, ...(template.description ? { description: template.description } : {}), errors: [] };
  } catch (err) {
    if (!(err instanceof TemplateRefError)) throw err;
    const [, ...errors] = err.message.split('\n');
    return { ref, id: ref.replace(/^.*\//, '').replace(/\.prompt\.md$/i, ''), errors: errors.length ? errors : [err.message] };
  }
}

/** The built-in templates, then the workspace's `*.prompt.md` files (a broken one listed with its errors). */
export async function listTemplates(folders: readonly string[], defaultRef: string | undefined): Promise<TemplatesListResult> {
  const refs = [...BUILTIN_TEMPLATE_IDS.map((id) => `builtin:${id}`), ...(await findTemplateFiles(folders))];
  const templates: TemplateChoice[] = [];
  for (const ref of refs) templates.push(await choice(ref, folders));
  return { templates, defaultTemplate: defaultRef ?? DEFAULT_TEMPLATE_REF };
}
