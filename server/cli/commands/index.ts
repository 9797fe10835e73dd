import type { CliCommand } from '../command';

/**
 * Every `medreview` subcommand, in the order `--help` lists them. Each lives in its own file beside this
 * one and calls the same server modules the language server uses.
 */
export const commands: CliCommand[] = [];
