import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a lock: enough to tell, on the same machine, whether that process is still running and is
 * still the same process (a pid can be reused after its owner died, and after a reboot).
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Linux boot id: a lock written before a reboot names a process that no longer exists. */
  bootId?: string;
  /** Start time of the process in clock ticks since boot (Linux), to detect a reused pid. */
  startTicks?: string;
}

export type Liveness = 'alive' | 'dead' | 'unknown';

let self: ProcessIdentity | undefined;

export function currentProcess(): ProcessIdentity {
  if (!self) {
    self = { pid: process.pid, host: hostname() };
    const bootId = readBootId();
    const stat = readProcStat(process.pid);
    if (bootId) self.bootId = bootId;
    if (stat) self.startTicks = stat.startTicks;
  }
  return self;
}

/**
 * Whether the process named by `owner` is running. `unknown` when it ran on another host (a database on a
 * network share): only the owner's own machine can tell.
 */
export function processLiveness(owner: ProcessIdentity): Liveness {
  if (owner.host !== hostname()) return 'unknown';
  const bootId = readBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return 'dead';
  if (!signalZero(owner.pid)) return 'dead';
  const stat = readProcStat(owner.pid);
  if (!stat) return 'alive';
  // A zombie has finished; its lock will never be released by it.
  if (stat.state === 'Z' || stat.state === 'X') return 'dead';
  if (owner.startTicks && stat.startTicks !== owner.startTicks) return 'dead';
  return 'alive';
}

/** Whether a process with this id exists on this machine (signal 0). */
export function signalZero(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Fields 3 (state) and 22 (starttime) of /proc/<pid>/stat; the command name may contain spaces and parentheses. */
function readProcStat(pid: number): { state: string; startTicks: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = rest[0];
  const startTicks = rest[19];
  return state && startTicks ? { state, startTicks } : undefined;
}

export function describeProcess(p: ProcessIdentity): string {
  return `process ${p.pid} on ${p.host}`;
}
