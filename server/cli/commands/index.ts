import type { CliCommand } from '../command';
import { rougeCommand } from './rouge';
import { extractChoiceCommand } from './extractChoice';
import { agreementCommand } from './agreement';
import { splitThinkCommand } from './splitThink';
import { importCommand } from './import';
import { generateCommand } from './generate';
import { exportCommand } from './export';
import { mergeCommand } from './merge';

/**
 * Every `medreview` subcommand, in the order `--help` lists them. Each lives in its own file beside this
 * one and calls the same server modules the language server uses.
 */
export const commands: CliCommand[] = [
  rougeCommand,
  extractChoiceCommand,
  agreementCommand,
  splitThinkCommand,
  importCommand,
  generateCommand,
  exportCommand,
  mergeCommand,
];
