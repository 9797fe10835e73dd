import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MergeRatingsRequest, type MergeResultView } from '../../server/protocol';
import { itemCount, mergedMessage } from './mergeMessage';

/**
 * The extension's part of merging another rater's database: the open dialog and the notification. The merge
 * runs in the language server (the same core as `medreview merge`) and never overwrites anything here.
 */
export class MergeActions {
  constructor(
    private readonly server: () => LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    private readonly ratingsChanged: () => void,
  ) {}

  async mergeInteractively(): Promise<MergeResultView | null> {
    const [file] =
      (await vscode.window.showOpenDialog({
        title: "MedReview: Merge another rater's review database",
        openLabel: 'Merge',
        canSelectMany: false,
        filters: { 'MedReview database': ['sqlite', 'db'] },
      })) ?? [];
    if (!file) return null;
    if (file.scheme !== 'file') {
      void vscode.window.showErrorMessage(`MedReview merges files on this machine only; ${file.toString()} is not one.`);
      return null;
    }
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'MedReview: merging ratings…' }, () =>
      this.server().sendRequest(MergeRatingsRequest, { path: file.fsPath }),
    );
    this.log.info(result.report);
    // Only what was added or taken over changes what the panel shows; a merge of nothing new leaves it be.
    if (itemCount(result.added) + itemCount(result.updated) > 0) this.ratingsChanged();
    void this.announce(result, file);
    return result;
  }

  private async announce(result: MergeResultView, file: vscode.Uri): Promise<void> {
    const message = `MedReview: ${mergedMessage(result, vscode.workspace.asRelativePath(file))}`;
    const leftOut = result.conflicts + result.missingAnswers + result.missingRubrics > 0;
    const show = leftOut ? vscode.window.showWarningMessage(message, 'Show Report') : vscode.window.showInformationMessage(message, 'Show Report');
    if ((await show) !== 'Show Report') return;
    const doc = await vscode.workspace.openTextDocument({ content: result.report + '\n', language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
