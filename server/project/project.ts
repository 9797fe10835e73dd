import { formatProblem } from '../problem';
import type { ServerSettings, ServerStatus } from '../protocol';
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

  constructor(
    private settings: ServerSettings,
    private readonly workspaceFolders: string[],
    private readonly onStatus: (s: ServerStatus) => void,
    private readonly log: (message: string) => void,
  ) {}

  get catalog(): Catalog {
    return this.catalogValue;
  }

  get status(): ServerStatus {
    return this.statusValue;
  }

  updateSettings(settings: ServerSettings): Promise<void> {
    this.settings = settings;
    return this.reload();
  }

  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.load());
    return this.loading;
  }

  private async load(): Promise<void> {
    this.setStatus({ ...this.statusValue, state: 'loading' });
    try {
      const { files, missing } = await resolveDatasetFiles(this.settings.datasets, this.workspaceFolders);
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
