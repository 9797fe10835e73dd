import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from '../../../server/project/project';
import type { ServerSettings, ServerStatus } from '../../../server/protocol';
import { repoRoot } from '../../helpers/shared';

export const sampleSettings: ServerSettings = {
  datasets: ['questions.jsonl', 'medqa-style.jsonl', 'answers'],
  databasePath: '.medreview/review.sqlite',
  raterId: 'dr-a',
  rubricPath: '',
  blind: false,
  ratersPerQuestion: 1,
  rouge: { useStemmer: false, metrics: ['rouge1', 'rouge2', 'rougeL'] },
  thinkTagNames: ['think', 'thinking'],
};

/** A copy of the shipped sample workspace in a temp folder, opened as the language server opens it. */
export async function openSampleProject(overrides: Partial<ServerSettings> = {}, folder?: string, prepare?: (workspace: string) => void) {
  const workspace = folder ?? mkdtempSync(join(tmpdir(), 'medreview-project-'));
  if (!folder) cpSync(join(repoRoot, 'media', 'sample-workspace'), workspace, { recursive: true });
  prepare?.(workspace);
  const statuses: ServerStatus[] = [];
  const log: string[] = [];
  const project = new Project({ ...sampleSettings, ...overrides }, [workspace], (s) => statuses.push(s), (m) => log.push(m));
  await project.reload();
  return {
    project,
    workspace,
    statuses,
    log,
    close: async (remove = true) => {
      await project.close();
      if (remove) rmSync(workspace, { recursive: true, force: true });
    },
  };
}
