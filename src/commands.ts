import type { PanelCommand } from '../webview/protocol';

/** What a command needs from the running extension. */
export interface CommandContext {
  openPanel(): void;
  showLog(): void;
  restartServer(): Promise<void>;
  /** Loads a dataset file (given as a URI string or the active editor's) and shows it in the panel. */
  openDataset(uri?: string): Promise<void>;
  /** Forwards a keyboard action to the review panel. */
  panelCommand(command: PanelCommand, key?: string): void;
  /** Asks for an endpoint and its API key, kept in SecretStorage. */
  setEndpointApiKey(): Promise<void>;
  /** Quick picks for models and templates, then a batch generation job with a progress notification. */
  generateAll(): Promise<void>;
  /** Picks an unfinished generation job and runs it again. */
  resumeGenerationJob(): Promise<void>;
  /** Asks for a format, options and a file, and exports the review database. */
  exportReview(): Promise<void>;
  /** Opens the panel on its per-model summary. */
  showSummary(): void;
  /** Asks for another rater's review database and merges its ratings into this one. */
  mergeRatings(): Promise<void>;
}

/** Panel actions bound to keys: each is a command `medreview.review.<action>` users can rebind. */
const panelActions: readonly PanelCommand[] = [
  'nextQuestion',
  'previousQuestion',
  'nextAnswer',
  'previousAnswer',
  'nextField',
  'previousField',
  'toggleReasoning',
  'focusComment',
  'save',
  'undo',
  'flag',
  'showShortcuts',
  'showGuidelines',
  'preferLeft',
  'preferRight',
  'preferTie',
  'preferBothBad',
  'regenerate',
  'cancelGeneration',
];

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
  ...panelActions.map((command): CommandEntry => ({ id: `medreview.review.${command}`, run: (ctx) => ctx.panelCommand(command) })),
  // Every panel keybinding runs this one command (the action in its args): VS Code delays the first run of
  // each distinct command while it fires the command's activation event, which would let a later key
  // overtake an earlier one; one command keeps key presses in order.
  { id: 'medreview.review.key', run: (ctx, arg) => panelKey(ctx, arg) },
  { id: 'medreview.openDataset', run: (ctx, uri) => ctx.openDataset(typeof uri === 'string' ? uri : uriString(uri)) },
  { id: 'medreview.setEndpointApiKey', run: (ctx) => ctx.setEndpointApiKey() },
  { id: 'medreview.generateAll', run: (ctx) => ctx.generateAll() },
  { id: 'medreview.resumeGenerationJob', run: (ctx) => ctx.resumeGenerationJob() },
  { id: 'medreview.export', run: (ctx) => ctx.exportReview() },
  { id: 'medreview.showSummary', run: (ctx) => ctx.showSummary() },
  { id: 'medreview.mergeRatings', run: (ctx) => ctx.mergeRatings() },
];

/** Commands from menus pass a Uri object, the code lens a string: accept both without importing vscode. */
function uriString(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('scheme' in value)) return undefined;
  return (value as { toString(): string }).toString();
}

/** Runs the action a `medreview.review.key` keybinding names in `args: { action, key? }`. */
function panelKey(ctx: CommandContext, args: unknown): void {
  if (typeof args !== 'object' || args === null) return;
  const { action, key } = args as { action?: unknown; key?: unknown };
  if (typeof action !== 'string' || !isPanelCommand(action)) return;
  ctx.panelCommand(action, typeof key === 'string' ? key : undefined);
}

function isPanelCommand(action: string): action is PanelCommand {
  return action === 'choose' || (panelActions as readonly string[]).includes(action);
}
