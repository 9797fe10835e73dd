import * as vscode from 'vscode';
import type { ServerSettings } from '../server/protocol';

/**
 * The one place settings are read. Every setting is declared in package.json `contributes.configuration`;
 * this module gives them types and defaults that match those declarations.
 */
export interface MedReviewConfig {
  datasets: string[];
  thinkTagNames: string[];
}

const SECTION = 'medreview';

export function readConfig(scope?: vscode.ConfigurationScope): MedReviewConfig {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    datasets: c.get<string[]>('datasets', []),
    thinkTagNames: c.get<string[]>('think.tagNames', ['think', 'thinking']),
  };
}

export function serverSettings(config: MedReviewConfig): ServerSettings {
  return { datasets: config.datasets, thinkTagNames: config.thinkTagNames };
}

/** True when a configuration change touches a setting the server needs. */
export function affectsServer(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.datasets`) || e.affectsConfiguration(`${SECTION}.think`);
}
