/** What a command needs from the running extension. */
export interface CommandContext {
  openPanel(): void;
  showLog(): void;
  restartServer(): Promise<void>;
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
];
