import { html, type TemplateResult } from 'lit';
import { ExportReview, GetSummary, SaveFile, type StudySummary } from './protocol';
import { RpcError, type Rpc } from './rpc';
import { summaryView, type ExportColours, type SummaryExportFile } from './summary';

/** A summary can take a while on a large study (it reads every rating): the request waits longer than most. */
const SUMMARY_TIMEOUT_MS = 120_000;
/** The user picks a format and a file: an export request waits for people, not only for the disk. */
const EXPORT_TIMEOUT_MS = 30 * 60_000;

interface SummaryState {
  open: boolean;
  loading: boolean;
  summary?: StudySummary;
  error?: string;
  colours: ExportColours;
}

/**
 * The panel's summary page and its exports: per model, means with intervals, harm rates, ROUGE and agreement,
 * fetched from the server when opened (never cached across openings, so it reflects the latest ratings).
 */
export class SummaryPage {
  private s: SummaryState = { open: false, loading: false, colours: 'print' };

  constructor(
    private readonly rpc: Rpc,
    private readonly redraw: () => void,
    private readonly onMessage: (text: string) => void,
  ) {}

  get isOpen(): boolean {
    return this.s.open;
  }

  async open(): Promise<void> {
    this.update({ open: true, loading: true, error: undefined });
    try {
      this.update({ summary: await this.rpc.request(GetSummary, {}, SUMMARY_TIMEOUT_MS), loading: false });
    } catch (err) {
      this.update({ loading: false, error: message(err) });
    }
  }

  close(): void {
    this.update({ open: false });
  }

  toggle(): Promise<void> {
    if (this.s.open) {
      this.close();
      return Promise.resolve();
    }
    return this.open();
  }

  /** Export of the whole review database (the extension asks for the format and the file). */
  async exportReview(): Promise<void> {
    try {
      // Success is announced by the extension's notification, with a button to open the file.
      await this.rpc.request(ExportReview, {}, EXPORT_TIMEOUT_MS);
    } catch (err) {
      this.onMessage(`Export failed: ${message(err)}`);
    }
  }

  view(): TemplateResult {
    const { summary, loading, error } = this.s;
    const body = error
      ? html`<p class="banner error" role="alert">The summary could not be made: ${error}</p>`
      : loading || !summary
      ? html`<p class="empty" role="status">Computing the summary…</p>`
      : summaryView({
          summary,
          exportColours: this.s.colours,
          onExportColours: (colours) => this.update({ colours }),
          onExport: (file) => void this.save(file),
          onExportError: (text) => this.onMessage(`Chart export failed: ${text}`),
        });
    return html`<main class="summary-page" aria-busy=${loading ? 'true' : 'false'}>${body}</main>`;
  }

  private async save(file: SummaryExportFile): Promise<void> {
    try {
      await this.rpc.request(SaveFile, { fileName: file.fileName, content: file.content, encoding: file.encoding }, EXPORT_TIMEOUT_MS);
    } catch (err) {
      this.onMessage(`Saving failed: ${message(err)}`);
    }
  }

  private update(patch: Partial<SummaryState>): void {
    this.s = { ...this.s, ...patch };
    this.redraw();
  }
}

function message(err: unknown): string {
  return err instanceof RpcError || err instanceof Error ? err.message : String(err);
}
