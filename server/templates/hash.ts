import { createHash } from 'node:crypto';
import type { GenerationParams } from '../dataset/model';
import type { TemplateMode } from './types';

/** What decides the text a model receives and how it samples; the id and description are not part of it. */
export interface HashedParts {
  mode: TemplateMode;
  system?: string;
  stop: string[];
  params: GenerationParams;
  body: string;
  thinkOpenedByPrompt: boolean;
}

/** Keys sorted at every level so the same content always gives the same bytes. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of a template's content: two files with the same content share a version. */
export function templateHash(parts: HashedParts): string {
  const text = canonical({ ...parts, system: parts.mode === 'chat' ? parts.system : undefined });
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
