import { importDatasets, type ImportReport } from '../dataset';
import type { Catalog } from './catalog';

export interface LoadOptions {
  tagNames: string[];
  onProblem?: (message: string) => void;
}

/** Streams dataset and model-answer files into the catalog; returns the import report. */
export function loadDatasets(files: string[], catalog: Catalog, options: LoadOptions): Promise<ImportReport> {
  return importDatasets(files, { tagNames: options.tagNames }, catalog);
}
