import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDatasets, MemoryImportSink, type ImportOptions, type ImportReport } from '../../../server/dataset';
import type { Problem } from '../../../server/problem';

/** A temporary directory for the small broken files a test writes; removed after the suite. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'medreview-dataset-'));

  write(name: string, content: string | Buffer): string {
    writeFileSync(join(this.path, name), content);
    return name;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export interface ImportRun {
  report: ImportReport;
  problems: Problem[];
  sink: MemoryImportSink;
}

/** Imports files (named relative to `dir`) into a memory sink, collecting every problem. */
export async function importFiles(dir: string, files: string[], options: ImportOptions = {}): Promise<ImportRun> {
  const problems: Problem[] = [];
  const sink = new MemoryImportSink();
  const report = await importDatasets(files, { ...options, cwd: dir, onProblem: (p) => problems.push(p) }, sink);
  return { report, problems, sink };
}

/** The parts of a problem a test pins down exactly. */
export function where(p: Problem | undefined): { line: number; column: number; field?: string; code: string; severity: string } | undefined {
  return p && { line: p.line, column: p.column, field: p.field, code: p.code, severity: p.severity };
}

export function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
