import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { RougeSettings } from '../metrics';
import { isRougeType } from '../metrics';
import type { OpenDatasetResult, RubricView, ServerSettings, ServerStatus } from '../protocol';
import { ScoreCacheFiller } from '../export/scoreFill';
import { DatabaseAppearedError, NewDatabase, openStore, type Store } from '../store';
import { activeRubric } from './activeRubric';
import { resolveDatasetFiles } from './datasetFiles';
import { syncDatasets, WORKSPACE_SET } from './datasetSync';
import { StoredQuestionLookup } from './questionLookup';
import { raterIdentity } from './raterIdentity';

/** What a request handler needs from an open project. */
export interface OpenProject {
  store: Store;
  rater: string;
  rubric: RubricView;
  settings: ServerSettings;
  rouge: RougeSettings;
  models: string[];
  /** Scores every answer for the list's ROUGE filter, a little at a time. */
  scores: ScoreCacheFiller;
}

/**
 * The review project the server has open: its settings, its database, its rubric and rater, and the
 * workspace's datasets imported into the database. Loads are serialised, so a settings change during an
 * import waits for it instead of interleaving two.
 */
export class Project {
  private opened: OpenProject | undefined;
  private statusValue: ServerStatus = { state: 'loading', questionCount: 0, answerCount: 0, files: [] };
  private loading: Promise<void> = Promise.resolve();
  private lookupValue = StoredQuestionLookup.empty();
  /** Files opened with "Open in MedReview" that the datasets setting does not list. */
  private readonly openedFiles = new Set<string>();
  /** The question the panel showed last: template hovers preview the prompt for it. */
  viewedQuestionId: string | undefined;

  constructor(
    private settings: ServerSettings,
    private readonly workspaceFolders: string[],
    private readonly onStatus: (s: ServerStatus) => void,
    private readonly log: (message: string) => void,
  ) {}

  get status(): ServerStatus {
    return this.statusValue;
  }

  get tagNames(): string[] {
    return this.settings.thinkTagNames;
  }

  /** Stored questions, for checking answers files synchronously (diagnostics). */
  get questionLookup(): StoredQuestionLookup {
    return this.lookupValue;
  }

  /** The open project, once loaded; throws while loading or after a failure (the status says why). */
  async ready(): Promise<OpenProject> {
    await this.loading;
    if (!this.opened) throw new Error(this.statusValue.message ?? 'the review database is not open');
    return this.opened;
  }

  updateSettings(settings: ServerSettings): Promise<void> {
    this.settings = settings;
    return this.reload();
  }

  /** Imports a file into the project if it is not imported yet; returns its first question. */
  async openFile(file: string): Promise<OpenDatasetResult> {
    this.openedFiles.add(file);
    await this.reload();
    const p = await this.ready();
    const report = this.statusValue.files.find((f) => f.file === file);
    const questionId = await p.store.firstQuestionOfFile(file);
    return { questionId, taken: report?.taken ?? 0, rejected: report?.rejected ?? 0 };
  }

  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.load());
    return this.loading;
  }

  async close(): Promise<void> {
    await this.loading;
    await this.opened?.store.close();
    this.opened = undefined;
  }

  private databasePath(): string {
    const p = this.settings.databasePath;
    return isAbsolute(p) ? p : resolve(this.workspaceFolders[0] ?? process.cwd(), p);
  }

  private async load(): Promise<void> {
    this.setStatus({ ...this.statusValue, state: 'loading' });
    try {
      const { files, missing } = await resolveDatasetFiles(this.settings.datasets, this.workspaceFolders);
      for (const m of missing) this.log(`dataset entry not found: ${m}`);
      const datasets = [...new Set([...files, ...this.openedFiles])];
      const store = await this.openStoreOnce(datasets);
      const rubric = await activeRubric(this.settings.rubricPath, this.workspaceFolders[0]);
      for (const p of rubric.problems) this.log(`rubric: ${p}`);
      await store.registerRubric({ key: rubric.rubric.id, version: rubric.rubric.version, hash: rubric.hash, body: JSON.stringify(rubric.rubric) });
      const rater = raterIdentity(this.settings.raterId);
      await store.addRater(rater);
      await syncDatasets(store, datasets, this.syncOptions());
      this.lookupValue = await StoredQuestionLookup.load(store);
      const models = await store.models();
      const rouge = rougeSettings(this.settings);
      this.opened = { store, rater, rubric, settings: this.settings, rouge, models, scores: new ScoreCacheFiller(store, rouge) };
      await this.publishReady(store, missing);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`opening the review project failed: ${message}`);
      this.setStatus({ ...this.statusValue, state: 'error', message });
    }
  }

  private syncOptions(): { tagNames: string[]; log: (message: string) => void } {
    return { tagNames: this.settings.thinkTagNames, log: this.log };
  }

  /** The database stays open across reloads unless its path changed. */
  private async openStoreOnce(datasets: string[]): Promise<Store> {
    const path = this.databasePath();
    if (this.opened && this.opened.store.path === path) return this.opened.store;
    await this.opened?.store.close();
    this.opened = undefined;
    if (datasets.length && !existsSync(path)) await this.buildDatabase(path, datasets);
    this.log(`opening the review database ${path} (folder ${dirname(path)})`);
    return openStore(path);
  }

  /**
   * The project's first import builds its database aside and puts it in place complete (store/newDatabase.ts):
   * faster for a large dataset, and a window closed meanwhile leaves no half-made database. If another
   * window made the database first, this one imports into that one instead, as on any later open.
   */
  private async buildDatabase(path: string, datasets: string[]): Promise<void> {
    this.log(`creating the review database ${path} from ${datasets.length} dataset file(s)`);
    const built = await NewDatabase.start(path);
    try {
      await syncDatasets(built.store, datasets, this.syncOptions());
    } catch (err) {
      await built.discard();
      throw err;
    }
    try {
      await built.publish();
    } catch (err) {
      if (!(err instanceof DatabaseAppearedError)) throw err;
      this.log(`another window created ${path} meanwhile; importing into it`);
    }
  }

  private async publishReady(store: Store, missing: string[]): Promise<void> {
    const sets = await store.questionSets();
    const set = sets.find((s) => s.name === WORKSPACE_SET);
    const counts = await store.counts();
    this.setStatus({
      state: 'ready',
      questionCount: counts.questions,
      answerCount: counts.answers,
      files: (set?.files ?? []).map((f) => ({ file: f.file, taken: f.taken, rejected: f.rejected })),
      message: missing.length ? `Not found: ${missing.join(', ')}` : undefined,
    });
  }

  private setStatus(s: ServerStatus): void {
    this.statusValue = s;
    this.onStatus(s);
  }
}

function rougeSettings(s: ServerSettings): RougeSettings {
  const types = s.rouge.metrics.filter(isRougeType);
  return { useStemmer: s.rouge.useStemmer, types: types.length ? types : ['rouge1', 'rouge2', 'rougeL'] };
}
