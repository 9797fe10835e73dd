import { formatProblem } from '../problem';
import type { OpenDatasetResult, ServerSettings, ServerStatus } from '../protocol';
import { Catalog } from './catalog';
import { resolveDatasetFiles } from './datasetFiles';
import { loadDatasets } from './loadDatasets';

/**
 * The review project the server has open: its settings and the data loaded from the workspace. Reloads are
 * serialised so a settings change during a load cannot interleave two catalogs.
 */
export class Project {
  private catalogValue = new Catalog();
  private statusValue: ServerStatus = { state: 'loading', questionCount: 0, answerCount: 0, files: [] };
  private loading: Promise<void> = Promise.resolve();
  /** Files opened with "Open in MedReview" that the datasets setting does not list. */
  private readonly openedFiles = new Set<string>();

  constructor(
    private settings: ServerSettings,
    private readonly workspaceFolders: string[],
    private readonly onStatus: (s: ServerStatus) => void,
    private readonly log: (message: string) => void,
  ) {}

  get catalog(): Catalog {
    return this.catalogValue;
  }

  get tagNames(): string[] {
    return this.settings.thinkTagNames;
  }

  get status(): ServerStatus {
    return this.statusValue;
  }

  updateSettings(settings: ServerSettings): Promise<void> {
    this.settings = settings;
    return this.reload();
  }

  /** Loads a file into the project if it is not loaded yet; returns its first question. */
  async openFile(file: string): Promise<OpenDatasetResult> {
    await this.loading;
    if (!this.statusValue.files.some((f) => f.file === file)) {
      this.openedFiles.add(file);
      await this.reload();
    }
    const report = this.statusValue.files.find((f) => f.file === file);
    return { questionId: this.catalogValue.firstQuestionFrom(file), taken: report?.taken ?? 0, rejected: report?.rejected ?? 0 };
  }

  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.load());
    return this.loading;
  }

  private async load(): Promise<void> {
    this.setStatus({ ...this.statusValue, state: 'loading' });
    try {
      const resolved = await resolveDatasetFiles(this.settings.datasets, this.workspaceFolders);
      const { missing } = resolved;
      const files = [...new Set([...resolved.files, ...this.openedFiles])];
      for (const m of missing) this.log(`dataset entry not found: ${m}`);
      const catalog = new Catalog();
      const report = await loadDatasets(files, catalog, { tagNames: this.settings.thinkTagNames });
      for (const f of report.files) for (const p of f.problems) this.log(formatProblem(p));
      this.catalogValue = catalog;
      this.setStatus({
        state: 'ready',
        questionCount: catalog.questionCount,
        answerCount: catalog.answerCount,
        files: report.files.map((f) => ({ file: f.file, taken: f.taken, rejected: f.rejected })),
        message: missing.length ? `Not found: ${missing.join(', ')}` : undefined,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`loading datasets failed: ${message}`);
      this.setStatus({ ...this.statusValue, state: 'error', message });
    }
  }

  private setStatus(s: ServerStatus): void {
    this.statusValue = s;
    this.onStatus(s);
  }
}
