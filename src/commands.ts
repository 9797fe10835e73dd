import type { PanelCommand } from '../webview/protocol';

/** What a command needs from the running extension. */
export interface CommandContext {
  openPanel(): void;
  showLog(): void;
  restartServer(): Promise<void>;
  /** Loads a dataset file (given as a URI string or the active editor's) and shows it in the panel. */
  openDataset(uri?: string): Promise<void>;
  /** Forwards a keyboard action to the review panel. */
  panelCommand(command: PanelCommand, arg?: number): void;
}

export interface CommandEntry {
  id: string;
  run: (ctx: CommandContext, ...args: unknown[]) => unknown;
}

/**
 * Every command the extension contributes, in one table. Titles, categories and menus are declared in
 * package.json; here each id is bound to what it does. (No `vscode` import, so a unit test can check the
 * table against package.json.)
 */
export const commandTable: readonly CommandEntry[] = [
  { id: 'medreview.openPanel', run: (ctx) => ctx.openPanel() },
  { id: 'medreview.showLog', run: (ctx) => ctx.showLog() },
  { id: 'medreview.restartServer', run: (ctx) => ctx.restartServer() },
  { id: 'medreview.review.nextQuestion', run: (ctx) => ctx.panelCommand('nextQuestion') },
  { id: 'medreview.review.previousQuestion', run: (ctx) => ctx.panelCommand('previousQuestion') },
  { id: 'medreview.openDataset', run: (ctx, uri) => ctx.openDataset(typeof uri === 'string' ? uri : uriString(uri)) },
];

/** Commands from menus pass a Uri object, the code lens a string: accept both without importing vscode. */
function uriString(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('scheme' in value)) return undefined;
  return (value as { toString(): string }).toString();
}
