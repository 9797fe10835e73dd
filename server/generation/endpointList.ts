import { InferenceError, probeEndpoint } from '../inference';
import type { EndpointsListParams, EndpointsListResult, EndpointSetting, EndpointView } from '../protocol';
import { readEndpointSettings, withKey, type ConfiguredEndpoint } from './endpointSettings';
import { checkKeys } from './generationPlan';

/** A list is for a picker: a server that does not answer quickly is shown as unreachable, not waited for. */
const PROBE_TIMEOUT_MS = 3_000;

function baseView(c: ConfiguredEndpoint): EndpointView {
  const e = c.endpoint;
  return {
    name: e.name,
    preset: c.preset,
    url: e.baseUrl,
    ...(c.api ? { api: c.api } : {}),
    ...(e.model ? { model: e.model } : {}),
    models: [],
    ...(e.slots ? { slots: e.slots } : {}),
    warnings: c.warnings,
  };
}

async function probed(c: ConfiguredEndpoint, params: EndpointsListParams): Promise<EndpointView> {
  const view = baseView(c);
  try {
    const info = await probeEndpoint(withKey(c, checkKeys(params.keys)), { timeoutMs: PROBE_TIMEOUT_MS, retry: { maxAttempts: 1 } });
    return { ...view, reachable: true, models: info.models, slots: c.endpoint.slots ?? info.slots, ...(info.contextSize ? { contextSize: info.contextSize } : {}) };
  } catch (err) {
    if (!(err instanceof InferenceError)) throw err;
    return { ...view, reachable: false, error: err.message };
  }
}

/** The configured endpoints (asking each server, in parallel, for its models and slots unless `probe` is false). */
export async function listEndpoints(settings: readonly EndpointSetting[] | undefined, params: EndpointsListParams = {}): Promise<EndpointsListResult> {
  const { endpoints, problems } = readEndpointSettings(settings);
  const views = params.probe === false ? endpoints.map(baseView) : await Promise.all(endpoints.map((c) => probed(c, params)));
  return { endpoints: views, problems };
}
