import type { Readable, Writable } from 'node:stream';

/** Streams a command talks to; tests pass their own so no process-level state is touched. */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `medreview --help`. */
  summary: string;
  /** Usage text shown for `medreview NAME --help` and on bad arguments. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** A bad command line; main prints the message and the usage and exits with 2. */
export class UsageError extends Error {}
