import { isIP } from 'node:net';
import type { Endpoint, ServerKind } from './types';

/** Where each server listens by default. */
export const ENDPOINT_PRESETS: Record<Exclude<ServerKind, 'openai-compatible'>, { baseUrl: string; server: ServerKind }> = {
  'llama.cpp': { baseUrl: 'http://127.0.0.1:8080', server: 'llama.cpp' },
  vllm: { baseUrl: 'http://127.0.0.1:8000', server: 'vllm' },
  ollama: { baseUrl: 'http://127.0.0.1:11434', server: 'ollama' },
};

export type PresetName = keyof typeof ENDPOINT_PRESETS;

/**
 * The base URL requests are built on: parsed (a bad URL is an error here, not at the first request), only
 * http(s), no credentials in it, without a trailing slash or `/v1` (the API paths add it).
 */
export function normaliseBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`'${url}' is not a URL (expected e.g. http://127.0.0.1:8080)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`'${url}': only http:// and https:// endpoints are supported`);
  if (parsed.username || parsed.password) throw new Error(`'${url}': put the API key in the endpoint's key, not in the URL`);
  if (parsed.search || parsed.hash) throw new Error(`'${url}': an endpoint URL takes no query or fragment`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}

export function endpointFromPreset(preset: PresetName, fields: Partial<Endpoint> = {}): Endpoint {
  const p = ENDPOINT_PRESETS[preset];
  return { name: preset, ...p, ...fields, baseUrl: normaliseBaseUrl(fields.baseUrl ?? p.baseUrl) };
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

/**
 * Warnings to show before using an endpoint: medical text sent over plain http to another machine
 * travels unencrypted.
 */
export function endpointWarnings(baseUrl: string): string[] {
  const url = new URL(normaliseBaseUrl(baseUrl));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return [`${url.origin} is not on this machine and uses http://: prompts (medical text) and answers would cross the network unencrypted. Use https:// or a tunnel.`];
  }
  return [];
}
