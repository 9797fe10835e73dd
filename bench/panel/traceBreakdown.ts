/**
 * Where the time between two of the panel's marks went, read from a Chrome trace: the panel page's main
 * thread (found by the marks, which the trace records as user timing events) is summed per kind of work
 * over each window. Anything not accounted for by the thread's tasks is time the page spent waiting, on
 * the host or on the next frame.
 */
import { readFileSync } from 'node:fs';
import { summarise, type Summary } from './stats';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

/** Trace event names grouped the way DevTools' summary groups them. */
const KINDS = {
  busy: ['RunTask'],
  scripting: ['FunctionCall', 'EvaluateScript', 'V8.Execute', 'FireAnimationFrame', 'TimerFire', 'EventDispatch', 'v8.callFunction'],
  style: ['UpdateLayoutTree', 'RecalculateStyles'],
  layout: ['Layout'],
  paint: ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers', 'Commit'],
  gc: ['MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR'],
} satisfies Record<string, string[]>;

export type WindowBreakdown = Record<keyof typeof KINDS | 'window', Summary>;

function markTimes(events: TraceEvent[], prefix: string): Map<string, TraceEvent> {
  const found = new Map<string, TraceEvent>();
  for (const e of events) if (e.cat?.includes('blink.user_timing') && e.name.startsWith(prefix) && !found.has(e.name)) found.set(e.name, e);
  return found;
}

/** Milliseconds of each kind of work on the marks' thread inside [from, to] (trace microseconds). */
function workIn(events: TraceEvent[], thread: { pid: number; tid: number }, from: number, to: number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== thread.pid || e.tid !== thread.tid || e.dur === undefined) continue;
    const overlap = Math.min(to, e.ts + e.dur) - Math.max(from, e.ts);
    if (overlap <= 0) continue;
    for (const [kind, names] of Object.entries<string[]>(KINDS)) if (names.includes(e.name)) totals[kind] = (totals[kind] ?? 0) + overlap / 1000;
  }
  return totals;
}

/**
 * For every `<startPrefix><id>` mark with a matching `<endPrefix><id>` mark, the work between them,
 * summarised over all such windows.
 */
export function breakdown(tracePath: string, startPrefix: string, endPrefix: string): WindowBreakdown {
  const parsed = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const starts = markTimes(events, startPrefix);
  const ends = markTimes(events, endPrefix);
  const rows: Record<string, number>[] = [];
  for (const [name, start] of starts) {
    const end = ends.get(endPrefix + name.slice(startPrefix.length));
    if (!end || end.ts < start.ts) continue;
    rows.push({ window: (end.ts - start.ts) / 1000, ...workIn(events, start, start.ts, end.ts) });
  }
  const column = (k: string): Summary => summarise(rows.map((r) => r[k] ?? 0));
  return Object.fromEntries<Summary>(['window', ...Object.keys(KINDS)].map((k) => [k, column(k)])) as WindowBreakdown;
}
