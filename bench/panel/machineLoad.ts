import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** How busy the machine was: the panel's timings mean little without it (two cores, shared). */
export interface LoadSnapshot {
  at: string;
  loadAverage: { '1m': number; '5m': number; '15m': number };
  cpus: number;
  /** Share of all cores busy over the last second, in percent. */
  busyPercent: number;
  /** The busiest processes over the last second (command names only), to see who else was running. */
  busiest: { command: string; cpuPercent: number }[];
}

const round = (x: number): number => Math.round(x * 10) / 10;

function cpuTimes(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** `top`'s second sample (the first one averages over each process's whole life). */
function busiest(): { busyPercent: number; busiest: LoadSnapshot['busiest'] } {
  const before = cpuTimes();
  let rows: LoadSnapshot['busiest'];
  try {
    const out = execFileSync('top', ['-b', '-n', '2', '-d', '1', '-o', '%CPU', '-w', '200'], { encoding: 'utf8' });
    const second = out.slice(out.lastIndexOf('\ntop -'));
    rows = second
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f.length >= 12 && /^\d+$/.test(f[0] ?? ''))
      .map((f) => ({ command: f.slice(11).join(' '), cpuPercent: Number(f[8]) }))
      .filter((r) => r.cpuPercent > 0)
      .slice(0, 6);
  } catch {
    rows = [];
  }
  const after = cpuTimes();
  const total = after.total - before.total;
  return { busyPercent: total > 0 ? round((100 * (after.busy - before.busy)) / total) : NaN, busiest: rows };
}

/** Takes about a second (it samples CPU use). */
export function loadSnapshot(): LoadSnapshot {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  const r = (x: number): number => Math.round(x * 100) / 100;
  return { at: new Date().toISOString(), loadAverage: { '1m': r(one), '5m': r(five), '15m': r(fifteen) }, cpus: os.cpus().length, ...busiest() };
}
