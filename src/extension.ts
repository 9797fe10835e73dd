import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OpenDatasetRequest, SettingsChangedNotification, StatusNotification, type ServerStatus } from '../server/protocol';
import * as wv from '../webview/protocol';
import { commandTable, type CommandContext } from './commands';
import { affectsServer, serverSettings } from './config';
import { createLanguageClient } from './languageClient';
import { REVIEW_PANEL_VIEW_TYPE, ReviewPanel } from './panel/reviewPanel';
import { WebviewRequestError, webviewRoutes } from './panel/webviewRoutes';
import { EndpointKeyStore } from './generation/endpointKeys';
import { GenerationActions } from './generation/generationActions';
import { forwardGenerationNotifications } from './generation/notifications';
import { OverviewView } from './views/overviewView';
import { ExportActions } from './export/exportActions';
import { MergeActions } from './merge/mergeActions';

/**
 * The client stays thin: it starts the language server, registers the commands, hosts the panel and
 * forwards. Everything that decides anything about data lives in server/.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('MedReview', { log: true });
  context.subscriptions.push(log);
  const { version } = context.extension.packageJSON as { version: string };
  log.info(`MedReview ${version} activating`);

  let client: LanguageClient | undefined;
  const overview = new OverviewView();
  const running = (): LanguageClient => {
    if (!client?.isRunning()) throw new WebviewRequestError(wv.WebviewErrorCode.ServerUnavailable, 'The MedReview language server is not running. See the MedReview log.');
    return client;
  };
  const endpointKeys = new EndpointKeyStore(context.secrets, log);
  const generation = new GenerationActions(running, endpointKeys, log);
  const exports = new ExportActions(running, log);
  const merges = new MergeActions(running, log, () => ReviewPanel.notify(wv.RatingsChanged, undefined));
  const routes = webviewRoutes(() => client, () => log.show(), context.extension.packageJSON as object, generation, exports);
  /** A command's failure as a notification (the palette would only say the command failed). */
  const reported = (work: () => Promise<unknown>): Promise<void> =>
    work().then(
      () => undefined,
      (err: unknown) => void vscode.window.showErrorMessage(`MedReview: ${err instanceof Error ? err.message : String(err)}`),
    );

  let resumeOffered = false;
  const onStatus = (status: ServerStatus): void => {
    overview.update(status);
    ReviewPanel.notify(wv.StatusChanged, status);
    if (status.state === 'ready' && !resumeOffered) {
      resumeOffered = true;
      void reported(() => generation.offerResume());
    }
  };

  const startServer = async (): Promise<void> => {
    const c = createLanguageClient(context, log);
    c.onNotification(StatusNotification, onStatus);
    forwardGenerationNotifications(c, generation);
    try {
      await c.start();
      client = c;
      log.info('language server started');
    } catch (err) {
      client = undefined;
      void reportStartFailure(log, err);
    }
  };

  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('medreview.overview', overview),
    vscode.window.registerWebviewPanelSerializer(REVIEW_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => {
        ReviewPanel.revive(panel, context.extensionUri, routes, log);
        return Promise.resolve();
      },
    }),
    ...registerCommands({
      openPanel: () => void ReviewPanel.show(context.extensionUri, routes, log),
      showLog: () => log.show(),
      restartServer: async () => {
        await client?.stop();
        await startServer();
      },
      panelCommand: (command, key) => ReviewPanel.notify(wv.RunPanelCommand, { command, key }),
      setEndpointApiKey: () => reported(() => endpointKeys.setInteractively()),
      generateAll: () => reported(() => generation.generateAll()),
      resumeGenerationJob: () => reported(() => generation.resumeInteractively()),
      exportReview: () => reported(() => exports.exportInteractively()),
      mergeRatings: () => reported(() => merges.mergeInteractively()),
      showSummary: () => {
        ReviewPanel.show(context.extensionUri, routes, log);
        ReviewPanel.notify(wv.RunPanelCommand, { command: 'showSummary' });
      },
      openDataset: async (uri) => {
        const target = uri ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
        if (!target || !client?.isRunning()) return;
        const result = await client.sendRequest(OpenDatasetRequest, { file: target.fsPath });
        ReviewPanel.show(context.extensionUri, routes, log);
        if (result.questionId) ReviewPanel.notify(wv.SelectQuestion, { id: result.questionId });
        else void vscode.window.showWarningMessage(`MedReview: no question could be read from ${vscode.workspace.asRelativePath(target)} (${result.rejected} rows rejected; see Problems).`);
      },
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (client && affectsServer(e)) void client.sendNotification(SettingsChangedNotification, serverSettings());
    }),
    { dispose: () => void client?.stop() },
  );

  await startServer();
}

function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return commandTable.map((c) => vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.run(ctx, ...args)));
}

async function reportStartFailure(log: vscode.LogOutputChannel, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  log.error(`language server failed to start: ${message}`);
  const choice = await vscode.window.showErrorMessage(`MedReview could not start its language server: ${message}`, 'Open Log');
  if (choice === 'Open Log') log.show();
}

export function deactivate(): void {
  // Disposables registered in activate stop the server.
}
