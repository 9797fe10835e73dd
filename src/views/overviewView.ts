import * as vscode from 'vscode';
import type { ServerStatus } from '../../server/protocol';

type Node = { label: string; description?: string; tooltip?: string; command?: vscode.Command; icon: string };

/**
 * The activity-bar view: what is loaded and a way into the panel. It only mirrors the server's status
 * notifications; it holds no data of its own.
 */
export class OverviewView implements vscode.TreeDataProvider<Node> {
  private status: ServerStatus | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  update(status: ServerStatus): void {
    this.status = status;
    this.changed.fire();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.command = node.command;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    return item;
  }

  getChildren(): Node[] {
    const s = this.status;
    if (!s) return [];
    const open: Node = { label: 'Open Review Panel', icon: 'preview', command: { command: 'medreview.openPanel', title: 'Open Review Panel' } };
    const summary: Node = {
      label: s.state === 'error' ? 'Failed to load data' : s.state === 'loading' ? 'Loading…' : `${s.questionCount} questions`,
      description: s.state === 'ready' ? `${s.answerCount} answers` : undefined,
      tooltip: s.message,
      icon: s.state === 'error' ? 'error' : 'database',
    };
    const files = s.files.map<Node>((f) => ({
      label: vscode.workspace.asRelativePath(f.file),
      description: f.rejected ? `${f.taken} taken, ${f.rejected} rejected` : `${f.taken} rows`,
      icon: f.rejected ? 'warning' : 'file',
      command: { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(f.file)] },
    }));
    return [open, summary, ...files];
  }
}
