import * as vscode from 'vscode';
import type { BatchCounts, BatchDone, BatchProgress } from '../../server/protocol';

interface Tracked {
  last?: BatchProgress;
  done?: BatchDone;
  /** Set once the notification is showing. */
  ui?: { report(p: BatchCounts): void; finish(): void };
}

function countsText(c: BatchCounts): string {
  const failed = c.failed ? `, ${c.failed} failed` : '';
  return `${c.done} of ${c.total} done${failed}`;
}

/**
 * One VS Code progress notification per batch job run, fed by the server's `batch/progress` notifications,
 * closed by its `batch/done`; its Cancel button cancels the job.
 */
export class BatchProgressView {
  private readonly jobs = new Map<string, Tracked>();

  constructor(
    private readonly cancelJob: (jobId: string) => Promise<void>,
    private readonly onFinished: (done: BatchDone) => void,
  ) {}

  track(jobId: string, name: string, start: BatchCounts): void {
    const tracked: Tracked = this.jobs.get(jobId) ?? {};
    this.jobs.set(jobId, tracked);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `MedReview: ${name}`, cancellable: true }, (progress, token) => {
      let shown = 0;
      const report = (c: BatchCounts): void => {
        const percent = c.total > 0 ? ((c.done + c.failed) / c.total) * 100 : 0;
        progress.report({ increment: Math.max(0, percent - shown), message: countsText(c) });
        shown = Math.max(shown, percent);
      };
      token.onCancellationRequested(() => {
        progress.report({ message: 'cancelling: the requests running now are stopped, their questions stay to do' });
        void this.cancelJob(jobId);
      });
      return new Promise<void>((resolve) => {
        tracked.ui = { report, finish: resolve };
        report(tracked.last ?? start);
        if (tracked.done) this.finish(jobId, tracked);
      });
    });
  }

  onProgress(p: BatchProgress): void {
    const tracked = this.jobs.get(p.jobId);
    if (!tracked) return;
    tracked.last = p;
    tracked.ui?.report(p);
  }

  onDone(d: BatchDone): void {
    const tracked = this.jobs.get(d.jobId);
    if (!tracked) return;
    tracked.done = d;
    if (tracked.ui) this.finish(d.jobId, tracked);
  }

  private finish(jobId: string, tracked: Tracked): void {
    this.jobs.delete(jobId);
    tracked.ui?.finish();
    if (tracked.done) this.onFinished(tracked.done);
  }
}
