/**
 * A scenario spec names what to answer and which faults to inject: `name[,key=value...]`, e.g.
 * `chat_stream,chunkDelayMs=20,disconnectAfterChunks=5`. The same text works as `--scenario`, as the
 * `x-replay-scenario` header and as a path prefix `/s/<spec>/v1/chat/completions`, so a client that can only
 * be given a base URL (the CLI, the extension) can still pick its scenario.
 */

export interface Faults {
  /** Nothing at all (not even the status line) is sent for this long. */
  firstByteDelayMs: number;
  /** Headers go out at once, then the body stays silent this long (pings fill it when `pingIntervalMs` is set). */
  silenceMs: number;
  /** Pause before every body frame after the first. */
  chunkDelayMs: number;
  /** Destroy the connection after this many body frames (the transfer never finishes). */
  disconnectAfterChunks?: number;
  /** Destroy the connection after this many body bytes. */
  disconnectAfterBytes?: number;
  /** Stop sending after N frames but keep the connection open (a hung server), until the client leaves. */
  stallAfterChunks?: number;
  /** Answer 503 "Loading model" to the first N requests made with this spec. */
  loadingTimes: number;
  /** Close the connection without a byte of answer for the first N requests made with this spec. */
  resetTimes?: number;
  /** Send a `:` comment frame every so many ms while the body is silent. */
  pingIntervalMs?: number;
  /** Replace the rest of the stream with an in-stream `data: {"error":...}` after N frames. */
  errorAfterChunks?: number;
  /** Follow that error with `data: [DONE]` (vLLM does, llama.cpp does not). */
  doneAfterError: boolean;
  /** Answer with this named JSON error body (and its status) instead of a stream. */
  jsonError?: string;
}

export interface ScenarioSpec {
  name: string;
  faults: Faults;
  /** The spec text as given, which keys per-spec state such as the loading counter. */
  text: string;
}

export const NO_FAULTS: Faults = { firstByteDelayMs: 0, silenceMs: 0, chunkDelayMs: 0, loadingTimes: 0, doneAfterError: false };

const NUMERIC_KEYS = [
  'firstByteDelayMs',
  'silenceMs',
  'chunkDelayMs',
  'disconnectAfterChunks',
  'disconnectAfterBytes',
  'stallAfterChunks',
  'loadingTimes',
  'resetTimes',
  'pingIntervalMs',
  'errorAfterChunks',
] as const;

type NumericKey = (typeof NUMERIC_KEYS)[number];

function isNumericKey(key: string): key is NumericKey {
  return (NUMERIC_KEYS as readonly string[]).includes(key);
}

function applyFault(faults: Faults, key: string, value: string, text: string): void {
  if (isNumericKey(key)) {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`scenario '${text}': ${key} must be a whole number >= 0, got '${value}'`);
    faults[key] = n;
  } else if (key === 'doneAfterError') {
    if (value !== 'true' && value !== 'false' && value !== '1' && value !== '0') throw new Error(`scenario '${text}': doneAfterError must be true or false`);
    faults.doneAfterError = value === 'true' || value === '1';
  } else if (key === 'jsonError') {
    faults.jsonError = value;
  } else {
    throw new Error(`scenario '${text}': unknown fault '${key}' (known: ${[...NUMERIC_KEYS, 'doneAfterError', 'jsonError'].join(', ')})`);
  }
}

export function parseScenarioSpec(text: string): ScenarioSpec {
  const [name, ...pairs] = text.split(',');
  if (!name || !/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`scenario '${text}': a scenario name is needed first`);
  const faults: Faults = { ...NO_FAULTS };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`scenario '${text}': '${pair}' is not key=value`);
    applyFault(faults, pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)), text);
  }
  return { name, faults, text };
}
