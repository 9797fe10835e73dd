import type { BatchModelChoice, SamplingOverrides } from '../protocol';
import { checkOverrides, GenerationParamsError } from './sampling';
import { templateFromText, type TemplateSource } from './templateRefs';

/**
 * What a generation job keeps in the store besides its items: enough to run it again after a crash or
 * reload exactly as it was started. Templates are kept as their full text, so editing a template file later
 * does not change what a resumed job sends; sampling overrides are frozen with the settings of the day.
 * API keys are never kept: the extension sends them again with `batch/resume`.
 */
export interface JobConfig {
  version: 1;
  models: BatchModelChoice[];
  templates: { ref: string; file: string; text: string; hash: string }[];
  overrides: SamplingOverrides;
}

export function jobConfigOf(models: BatchModelChoice[], templates: TemplateSource[], overrides: SamplingOverrides): JobConfig {
  return { version: 1, models, templates: templates.map((t) => ({ ref: t.ref, file: t.template.file, text: t.text, hash: t.template.hash })), overrides };
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Checks a model choice list (from a request, or read back from the store). */
export function checkModels(raw: unknown): BatchModelChoice[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new GenerationParamsError('models: choose at least one model');
  return raw.map((m: unknown, i) => {
    const o = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
    if (typeof o['model'] !== 'string' || o['model'] === '') throw new GenerationParamsError(`models[${i}].model: expected a model name`);
    if (!isStringArray(o['endpoints']) || o['endpoints'].length === 0) throw new GenerationParamsError(`models[${i}].endpoints: expected one or more endpoint names`);
    return { model: o['model'], endpoints: [...new Set(o['endpoints'])] };
  });
}

/** A job's config as read back from the store, with its templates parsed again and their versions checked. */
export function readJobConfig(raw: unknown): { config: JobConfig; templates: TemplateSource[] } {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (o['version'] !== 1 || !Array.isArray(o['templates'])) throw new GenerationParamsError('this generation job was not made by this version of MedReview');
  const templates = (o['templates'] as unknown[]).map((t) => {
    const x = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
    const [ref, file, text, hash] = [x['ref'], x['file'], x['text'], x['hash']];
    if (typeof ref !== 'string' || typeof file !== 'string' || typeof text !== 'string' || typeof hash !== 'string') throw new GenerationParamsError('a template of this job is unreadable');
    const source = templateFromText(ref, text, file);
    if (source.template.hash !== hash) throw new GenerationParamsError(`template ${ref} parses to another version than the job was made with`);
    return source;
  });
  const config = jobConfigOf(checkModels(o['models']), templates, checkOverrides(o['overrides'], 'overrides'));
  return { config, templates };
}
