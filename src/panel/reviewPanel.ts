import * as vscode from 'vscode';
import * as wv from '../../webview/protocol';
import { panelHtml, panelResourceRoots } from './panelHtml';
import { toWebviewError, WebviewRequestError } from './webviewRoutes';

export const REVIEW_PANEL_VIEW_TYPE = 'medreview.review';

type Handler = (params: unknown, token: vscode.CancellationToken) => Promise<unknown>;

/** Notifications the page sends, by method. */
const notificationHandlers = new Map<string, (params: unknown) => void>([
  [
    wv.TextInputFocusChanged.method,
    (p) => void vscode.commands.executeCommand('setContext', 'medreview.textInputFocused', (p as { focused?: unknown }).focused === true),
  ],
]);

/**
 * Hosts the one review panel: answers its requests from the route table (each within its timeout) and
 * pushes notifications to it. The panel's own state travels with `setState`, so a reload restores it.
 */
export class ReviewPanel implements vscode.Disposable {
  private static current: ReviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Messages for a page that has not loaded yet; sent once it makes its first request. */
  private pending: wv.NotificationMessage[] | undefined = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly routes: Map<string, Handler>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(extensionUri) };
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'medreview.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  static show(extensionUri: vscode.Uri, routes: Map<string, Handler>, log: vscode.LogOutputChannel): ReviewPanel {
    if (ReviewPanel.current) {
      ReviewPanel.current.panel.reveal();
      return ReviewPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(REVIEW_PANEL_VIEW_TYPE, 'MedReview', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: panelResourceRoots(extensionUri),
    });
    ReviewPanel.current = new ReviewPanel(panel, extensionUri, routes, log);
    return ReviewPanel.current;
  }

  /** Called by the serializer after a window reload with the panel VS Code restored. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, routes: Map<string, Handler>, log: vscode.LogOutputChannel): void {
    ReviewPanel.current?.dispose();
    ReviewPanel.current = new ReviewPanel(panel, extensionUri, routes, log);
  }

  /** Sends a notification to the panel if one is open (held until its page is ready). */
  static notify<P>(type: wv.WebviewNotificationType<P>, params: P): void {
    ReviewPanel.current?.post({ kind: 'notification', method: type.method, params });
  }

  private post(message: wv.NotificationMessage): void {
    if (this.pending) this.pending.push(message);
    else void this.panel.webview.postMessage(message);
  }

  private onMessage(message: unknown): void {
    if (!wv.isWebviewMessage(message) || message.kind === 'response') {
      this.log.warn('panel: ignored a malformed message');
      return;
    }
    this.flushPending();
    if (message.kind === 'request') void this.answer(message);
    else notificationHandlers.get(message.method)?.(message.params);
  }

  private flushPending(): void {
    const held = this.pending;
    this.pending = undefined;
    for (const m of held ?? []) void this.panel.webview.postMessage(m);
  }

  private async answer(request: wv.RequestMessage): Promise<void> {
    const cancel = new vscode.CancellationTokenSource();
    const timer = setTimeout(() => cancel.cancel(), Math.max(0, request.timeoutMs));
    let response: wv.ResponseMessage;
    try {
      const handler = this.routes.get(request.method);
      if (!handler) throw new WebviewRequestError(wv.WebviewErrorCode.UnknownMethod, `unknown request '${request.method}'`);
      const result = await handler(request.params, cancel.token);
      response = { kind: 'response', id: request.id, ok: true, result };
    } catch (err) {
      const error = cancel.token.isCancellationRequested
        ? { code: wv.WebviewErrorCode.Timeout, message: `'${request.method}' took longer than ${request.timeoutMs} ms` }
        : toWebviewError(err);
      this.log.error(`panel request ${request.method} failed: ${error.message}`);
      response = { kind: 'response', id: request.id, ok: false, error };
    } finally {
      clearTimeout(timer);
      cancel.dispose();
    }
    await this.panel.webview.postMessage(response);
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    void vscode.commands.executeCommand('setContext', 'medreview.textInputFocused', false);
    this.disposed = true;
    if (ReviewPanel.current === this) ReviewPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
