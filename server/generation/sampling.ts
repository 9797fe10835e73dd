import type { GenerationParams } from '../dataset/model';
import { defaultApi, effectiveParams, type ApiKind } from '../inference';
import type { GenerationSettings, SamplingOverrides } from '../protocol';
import type { PromptTemplate } from '../templates';

/** The request cannot be run as asked; the message says which field and why. */
export class GenerationParamsError extends Error {}

type Rule = (v: number) => boolean;
const RULES: Record<keyof SamplingOverrides, { ok: Rule; expect: string }> = {
  temperature: { ok: (v) => v >= 0 && v <= 10, expect: 'a number from 0 to 10' },
  top_p: { ok: (v) => v > 0 && v <= 1, expect: 'a number above 0, at most 1' },
  max_tokens: { ok: (v) => Number.isInteger(v) && v >= 1, expect: 'a whole number of at least 1' },
  seed: { ok: (v) => Number.isSafeInteger(v), expect: 'a whole number' },
};

/** Overrides as received (from the panel, through the extension): only the known fields, each checked. */
export function checkOverrides(raw: unknown, where = 'params'): SamplingOverrides {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new GenerationParamsError(`${where}: expected an object`);
  const out: SamplingOverrides = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const rule = RULES[key as keyof SamplingOverrides] as (typeof RULES)[keyof SamplingOverrides] | undefined;
    if (!rule) throw new GenerationParamsError(`${where}.${key}: unknown parameter (known: ${Object.keys(RULES).join(', ')})`);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || !rule.ok(value)) throw new GenerationParamsError(`${where}.${key}: expected ${rule.expect}, got ${JSON.stringify(value)}`);
    out[key as keyof SamplingOverrides] = value;
  }
  return out;
}

/** The `medreview.generation.*` settings that are set (null: left to the template). */
export function settingOverrides(g: GenerationSettings | undefined): SamplingOverrides {
  const out: SamplingOverrides = {};
  if (typeof g?.maxTokens === 'number') out.max_tokens = g.maxTokens;
  if (typeof g?.temperature === 'number') out.temperature = g.temperature;
  if (typeof g?.seed === 'number') out.seed = g.seed;
  return out;
}

/** What is sent: the template's parameters, the settings' on top, the request's on top of those; the template's stop strings. */
export function samplingParams(template: PromptTemplate, settings: GenerationSettings | undefined, overrides: SamplingOverrides): GenerationParams {
  return effectiveParams({ model: '', template, endpoints: [], params: { ...checkOverrides(settingOverrides(settings), 'medreview.generation'), ...overrides } });
}

/** The API for a template on an endpoint: the endpoint's choice must fit the template's mode. */
export function chooseApi(configured: ApiKind | undefined, template: PromptTemplate, endpointName: string): ApiKind {
  const api = configured ?? defaultApi(template.mode);
  if ((api === 'chat') !== (template.mode === 'chat')) {
    const fits = template.mode === 'chat' ? 'the chat API' : 'the completions or native API';
    throw new GenerationParamsError(`template '${template.id}' is in ${template.mode} mode but endpoint '${endpointName}' is set to the ${api} API; a ${template.mode}-mode template needs ${fits}`);
  }
  return api;
}
