import * as vscode from 'vscode';
import type { EndpointKeys } from '../../server/protocol';
import { serverSettings, serverTraceIsVerbose } from '../config';

const SECRET_PREFIX = 'medreview.endpointKey.';

/** Names of the configured endpoints (entries without a usable name are the server's to report). */
export function endpointNames(): string[] {
  return (serverSettings().endpoints ?? []).flatMap((e) => (typeof e?.name === 'string' && e.name.trim() ? [e.name.trim()] : []));
}

/**
 * API keys of the endpoints, kept in VS Code's SecretStorage under the endpoint's name. They are read for each
 * request that needs them and passed to the server with it; never written to settings or the log.
 */
export class EndpointKeyStore {
  private warnedVerbose = false;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The stored keys of the configured endpoints; none while the server trace would log them. */
  async keys(): Promise<EndpointKeys> {
    if (serverTraceIsVerbose()) {
      if (!this.warnedVerbose) this.log.warn('medreview.trace.server is "verbose", which logs every message in full: endpoint API keys are not sent until it is lowered.');
      this.warnedVerbose = true;
      return {};
    }
    const out: EndpointKeys = {};
    for (const name of endpointNames()) {
      const key = await this.secrets.get(SECRET_PREFIX + name);
      if (key) out[name] = key;
    }
    return out;
  }

  /** The "Set Endpoint API Key" command: pick an endpoint, type its key (empty removes it). */
  async setInteractively(): Promise<void> {
    const names = endpointNames();
    if (names.length === 0) {
      void vscode.window.showWarningMessage('MedReview: no endpoint is configured (setting medreview.endpoints).');
      return;
    }
    const items = await Promise.all(names.map(async (name) => ({ label: name, description: (await this.secrets.get(SECRET_PREFIX + name)) ? 'a key is stored' : '' })));
    const picked = names.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'MedReview: Set Endpoint API Key', placeHolder: 'Endpoint' });
    if (!picked) return;
    const key = await vscode.window.showInputBox({
      title: `API key for ${picked.label}`,
      prompt: 'Sent as "Authorization: Bearer <key>" to this endpoint only. Leave empty to remove the stored key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    if (key.trim() === '') {
      await this.secrets.delete(SECRET_PREFIX + picked.label);
      void vscode.window.showInformationMessage(`MedReview: the API key of ${picked.label} was removed.`);
    } else {
      await this.secrets.store(SECRET_PREFIX + picked.label, key.trim());
      void vscode.window.showInformationMessage(`MedReview: the API key of ${picked.label} is stored in VS Code's secret storage.`);
    }
  }
}
