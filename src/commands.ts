import * as vscode from 'vscode';

/** What a command needs from the running extension. */
export interface CommandContext {
  openPanel(): void;
  showLog(): void;
  restartServer(): Promise<void>;
}

interface CommandEntry {
  id: string;
  run: (ctx: CommandContext, ...args: unknown[]) => unknown;
}

/**
 * Every command the extension contributes, in one table. Titles, categories and menus are declared in
 * package.json; here each id is bound to what it does.
 */
const commandTable: CommandEntry[] = [
  { id: 'medreview.openPanel', run: (ctx) => ctx.openPanel() },
  { id: 'medreview.showLog', run: (ctx) => ctx.showLog() },
  { id: 'medreview.restartServer', run: (ctx) => ctx.restartServer() },
];

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return commandTable.map((c) => vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.run(ctx, ...args)));
}

/** Ids in the table, for the test that package.json declares exactly these. */
export const commandIds = commandTable.map((c) => c.id);
