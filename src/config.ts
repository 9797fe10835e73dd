import * as vscode from 'vscode';
import type { ServerSettings } from '../server/protocol';
import { SETTING_DEFAULTS, type SettingKey } from './settingDefaults';

/** The one place settings are read; each is declared in package.json `contributes.configuration`. */
function get<K extends SettingKey>(c: vscode.WorkspaceConfiguration, key: K): (typeof SETTING_DEFAULTS)[K] {
  return c.get<(typeof SETTING_DEFAULTS)[K]>(key, SETTING_DEFAULTS[key]);
}

/** The settings the language server needs, read from the `medreview` section. */
export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const c = vscode.workspace.getConfiguration('medreview', scope);
  return {
    datasets: get(c, 'datasets'),
    databasePath: get(c, 'database.path'),
    raterId: get(c, 'rater.id'),
    rubricPath: get(c, 'rubric.path'),
    blind: get(c, 'review.blind'),
    ratersPerQuestion: get(c, 'review.ratersPerQuestion'),
    rouge: { useStemmer: get(c, 'rouge.useStemmer'), metrics: get(c, 'rouge.metrics') },
    thinkTagNames: get(c, 'think.tagNames'),
    endpoints: get(c, 'endpoints'),
    generation: {
      template: get(c, 'generation.template'),
      maxTokens: get(c, 'generation.maxTokens'),
      temperature: get(c, 'generation.temperature'),
      seed: get(c, 'generation.seed'),
    },
  };
}

/**
 * The server trace at `verbose` writes every message's parameters to the log; API keys are then withheld
 * (requests to keyed endpoints fail with an auth error) rather than logged.
 */
export function serverTraceIsVerbose(): boolean {
  return vscode.workspace.getConfiguration('medreview').get<string>('trace.server', 'off') === 'verbose';
}

/** True when a configuration change touches a setting the server needs. */
export function affectsServer(e: vscode.ConfigurationChangeEvent): boolean {
  return (Object.keys(SETTING_DEFAULTS) as SettingKey[]).some((k) => e.affectsConfiguration(`medreview.${k}`));
}
