import { ENDPOINT_PRESETS, endpointWarnings, normaliseBaseUrl, type ApiKind, type Endpoint, type ServerKind } from '../inference';
import type { EndpointApi, EndpointKeys, EndpointPreset, EndpointSetting } from '../protocol';

/** An endpoint from the settings, ready for the inference client. */
export interface ConfiguredEndpoint {
  preset: EndpointPreset;
  endpoint: Endpoint;
  /** The API the settings ask for; undefined: the template's mode decides. */
  api?: ApiKind;
  /** A non-loopback http:// URL, said once here so every use can show it. */
  warnings: string[];
}

export interface EndpointSettingsResult {
  endpoints: ConfiguredEndpoint[];
  /** `medreview.endpoints[i].field: what is wrong`, for entries left out. */
  problems: string[];
}

/** What the settings hold when the user has set nothing: llama-server on its default port. */
export const DEFAULT_ENDPOINTS: EndpointSetting[] = [{ name: 'llama.cpp', preset: 'llama.cpp' }];

const PRESETS: readonly EndpointPreset[] = ['llama.cpp', 'vllm', 'ollama', 'openai'];
const APIS: readonly EndpointApi[] = ['chat', 'completions', 'native'];

const SERVER_OF_PRESET: Record<EndpointPreset, ServerKind> = { 'llama.cpp': 'llama.cpp', vllm: 'vllm', ollama: 'ollama', openai: 'openai-compatible' };

class SettingError extends Error {}

function field(i: number, name: string): string {
  return `medreview.endpoints[${i}]${name ? `.${name}` : ''}`;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new SettingError(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value.trim() || undefined;
}

function baseUrlOf(preset: EndpointPreset, url: string | undefined, i: number): string {
  if (url === undefined) {
    if (preset === 'openai') throw new SettingError(`${field(i, 'url')}: the openai preset has no default URL; set one (e.g. https://host/v1)`);
    return ENDPOINT_PRESETS[preset].baseUrl;
  }
  try {
    return normaliseBaseUrl(url);
  } catch (err) {
    throw new SettingError(`${field(i, 'url')}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** One settings entry, checked field by field (settings are hand-edited JSON). */
function readEntry(raw: unknown, i: number): ConfiguredEndpoint {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SettingError(`${field(i, '')}: expected an object with name and preset`);
  const e = raw as Record<string, unknown>;
  const name = optionalString(e['name'], field(i, 'name'));
  if (!name) throw new SettingError(`${field(i, 'name')}: every endpoint needs a name`);
  const preset = e['preset'];
  if (typeof preset !== 'string' || !PRESETS.includes(preset as EndpointPreset)) {
    throw new SettingError(`${field(i, 'preset')}: expected one of ${PRESETS.join(', ')}, got ${JSON.stringify(preset)}`);
  }
  const api = e['api'];
  if (api !== undefined && api !== null && (typeof api !== 'string' || !APIS.includes(api as EndpointApi))) {
    throw new SettingError(`${field(i, 'api')}: expected one of ${APIS.join(', ')}, got ${JSON.stringify(api)}`);
  }
  const slots = e['slots'];
  if (slots !== undefined && slots !== null && !(typeof slots === 'number' && Number.isInteger(slots) && slots >= 1 && slots <= 1024)) {
    throw new SettingError(`${field(i, 'slots')}: expected a whole number from 1 to 1024, got ${JSON.stringify(slots)}`);
  }
  const p = preset as EndpointPreset;
  const baseUrl = baseUrlOf(p, optionalString(e['url'], field(i, 'url')), i);
  const model = optionalString(e['model'], field(i, 'model'));
  const endpoint: Endpoint = { name, baseUrl, server: SERVER_OF_PRESET[p], ...(model ? { model } : {}), ...(typeof slots === 'number' ? { slots } : {}) };
  return { preset: p, endpoint, api: typeof api === 'string' ? (api as ApiKind) : undefined, warnings: endpointWarnings(baseUrl) };
}

/**
 * The usable endpoints of `medreview.endpoints` (the default when it is absent); an entry with a mistake is
 * left out and reported with its field, and a repeated name keeps the first entry.
 */
export function readEndpointSettings(settings: readonly unknown[] | undefined): EndpointSettingsResult {
  const out: EndpointSettingsResult = { endpoints: [], problems: [] };
  for (const [i, raw] of (settings ?? DEFAULT_ENDPOINTS).entries()) {
    try {
      const c = readEntry(raw, i);
      if (out.endpoints.some((x) => x.endpoint.name === c.endpoint.name)) throw new SettingError(`${field(i, 'name')}: '${c.endpoint.name}' is already the name of an earlier endpoint`);
      out.endpoints.push(c);
    } catch (err) {
      if (!(err instanceof SettingError)) throw err;
      out.problems.push(err.message);
    }
  }
  return out;
}

/** The endpoint with its API key from this request, if the extension sent one for its name. */
export function withKey(c: ConfiguredEndpoint, keys: EndpointKeys | undefined): Endpoint {
  const key = keys?.[c.endpoint.name];
  return typeof key === 'string' && key !== '' ? { ...c.endpoint, apiKey: key } : c.endpoint;
}

/** The named endpoint, or (no name) the first; an error message naming what exists otherwise. */
export function findEndpoint(all: EndpointSettingsResult, name: string | undefined): ConfiguredEndpoint | string {
  const found = name === undefined ? all.endpoints[0] : all.endpoints.find((c) => c.endpoint.name === name);
  if (found) return found;
  const known = all.endpoints.map((c) => c.endpoint.name).join(', ') || 'none';
  const problems = all.problems.length ? ` (${all.problems.join('; ')})` : '';
  return name === undefined ? `no endpoint is configured in medreview.endpoints${problems}` : `no endpoint named '${name}' in medreview.endpoints (configured: ${known})${problems}`;
}
