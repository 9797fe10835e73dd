import { describeEndpoint, InferenceError, type ApiKind, type BatchTarget, type Endpoint } from '../inference';
import type { BatchModelChoice, EndpointKeys, EndpointSetting } from '../protocol';
import { findEndpoint, readEndpointSettings, withKey, type ConfiguredEndpoint } from './endpointSettings';
import { chooseApi, GenerationParamsError } from './sampling';
import type { TemplateSource } from './templateRefs';

const DESCRIBE_TIMEOUT_MS = 10_000;

/** The configured endpoints a job names, by name; an unknown name is the request's mistake. */
export function jobEndpoints(settings: readonly EndpointSetting[] | undefined, models: readonly BatchModelChoice[]): Map<string, ConfiguredEndpoint> {
  const all = readEndpointSettings(settings);
  const out = new Map<string, ConfiguredEndpoint>();
  for (const name of new Set(models.flatMap((m) => m.endpoints))) {
    const found = findEndpoint(all, name);
    if (typeof found === 'string') throw new GenerationParamsError(found);
    out.set(name, found);
  }
  return out;
}

/** One API per model and template: every endpoint serving the model must accept the template's mode the same way. */
export function targetApi(model: BatchModelChoice, template: TemplateSource, endpoints: ReadonlyMap<string, ConfiguredEndpoint>): ApiKind {
  const apis = new Set(model.endpoints.map((name) => chooseApi(endpoints.get(name)?.api, template.template, name)));
  if (apis.size > 1) throw new GenerationParamsError(`the endpoints serving ${model.model} (${model.endpoints.join(', ')}) are set to different APIs (${[...apis].join(', ')}); give them the same api setting`);
  const [api] = apis;
  if (!api) throw new GenerationParamsError(`no endpoint serves ${model.model}`);
  return api;
}

/**
 * The batch targets (model x template) with each endpoint described by its server (slot count). An endpoint
 * that cannot be reached is left out, with why in `problems`; a model left without endpoints is left out
 * (its items stay to do).
 */
export async function describeTargets(
  models: readonly BatchModelChoice[],
  templates: readonly TemplateSource[],
  configured: ReadonlyMap<string, ConfiguredEndpoint>,
  keys: EndpointKeys,
  params: BatchTarget['params'],
  signal: AbortSignal,
  problems: string[],
): Promise<BatchTarget[]> {
  const described = new Map<string, Endpoint>();
  await Promise.all(
    [...configured].map(async ([name, c]) => {
      try {
        described.set(name, (await describeEndpoint(withKey(c, keys), { signal, timeoutMs: DESCRIBE_TIMEOUT_MS, retry: { maxAttempts: 2 } })).endpoint);
      } catch (err) {
        if (!(err instanceof InferenceError)) throw err;
        problems.push(err.message);
      }
    }),
  );
  const targets: BatchTarget[] = [];
  for (const m of models) {
    const endpoints = m.endpoints.flatMap((name) => described.get(name) ?? []);
    if (endpoints.length === 0) {
      problems.push(`no reachable endpoint serves ${m.model}: its generations are left to do`);
      continue;
    }
    for (const t of templates) targets.push({ model: m.model, template: t.template, endpoints, api: targetApi(m, t, configured), params });
  }
  return targets;
}
