import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportRequest, type ExportFormatName, type ExportResultView } from '../../server/protocol';
import type { PanelFile } from '../../webview/protocol';
import { exportedMessage, exportParams, FORMAT_CHOICES, formatChoice, optionsFor, suggestedFileName, type OptionChoice } from './exportChoices';

/**
 * The extension's part of export: quick picks, the save dialog and notifications. The export itself runs
 * in the language server, which writes the file (it appears only once complete).
 */
export class ExportActions {
  constructor(
    private readonly server: () => LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Asks for what is missing (format, options, file) and exports; null when the user cancelled a step. */
  async exportInteractively(format?: ExportFormatName): Promise<ExportResultView | null> {
    const chosen = format ?? (await pickFormat());
    if (!chosen) return null;
    const ticked = await pickOptions(chosen);
    if (!ticked) return null;
    const target = await askTarget(suggestedFileName(chosen, new Date()), formatChoice(chosen).filterName, formatChoice(chosen).extension);
    if (!target) return null;
    const params = exportParams(chosen, target.fsPath, ticked);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `MedReview: exporting ${formatChoice(chosen).label}…` },
      () => this.server().sendRequest(ExportRequest, params),
    );
    this.log.info(`exported ${result.format} to ${result.path}: ${result.written} written, ${result.ratings} ratings read`);
    void this.announce(exportedMessage(result, vscode.workspace.asRelativePath(target)), target);
    return result;
  }

  /** Saves a file the panel made (a summary document or chart) where the user chooses. */
  async saveFile(file: PanelFile): Promise<{ path: string } | null> {
    const extension = file.fileName.split('.').pop() ?? '';
    const target = await askTarget(file.fileName, extension.toUpperCase(), extension);
    if (!target) return null;
    const bytes = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8');
    await vscode.workspace.fs.writeFile(target, bytes);
    this.log.info(`saved ${target.fsPath} (${bytes.length} bytes)`);
    void this.announce(`Saved ${vscode.workspace.asRelativePath(target)}.`, target);
    return { path: target.fsPath };
  }

  private async announce(message: string, file: vscode.Uri): Promise<void> {
    const open = await vscode.window.showInformationMessage(`MedReview: ${message}`, 'Open');
    if (open === 'Open') await vscode.commands.executeCommand('vscode.open', file);
  }
}

async function pickFormat(): Promise<ExportFormatName | undefined> {
  const picked = await vscode.window.showQuickPick(
    FORMAT_CHOICES.map((c) => ({ label: c.label, detail: c.detail, format: c.format })),
    { title: 'MedReview: Export', placeHolder: 'What to export', matchOnDetail: true, ignoreFocusOut: true },
  );
  return picked?.format;
}

/** The options that apply to a format, all unticked; an empty set when none apply (no step shown). */
async function pickOptions(format: ExportFormatName): Promise<Set<OptionChoice['id']> | undefined> {
  const choices = optionsFor(format);
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, detail: c.detail, id: c.id })),
    { title: `MedReview: Export ${formatChoice(format).label}`, placeHolder: 'Options (none ticked: the defaults). Enter to go on', canPickMany: true, ignoreFocusOut: true },
  );
  return picked ? new Set(picked.map((p) => p.id)) : undefined;
}

async function askTarget(fileName: string, filterName: string, extension: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'MedReview: Export to',
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: { [filterName]: [extension] },
    saveLabel: 'Export',
  });
  if (target && target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`MedReview exports to files on this machine only; ${target.toString()} is not one.`);
    return undefined;
  }
  return target;
}
