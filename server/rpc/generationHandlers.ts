import type { Connection } from 'vscode-languageserver/node';
import { BatchJobs, GenerationParamsError, listEndpoints, listTemplates, LiveGenerations, TemplateRefError } from '../generation';
import type { Project } from '../project/project';
import {
  BatchCancelRequest,
  BatchDoneNotification,
  BatchListRequest,
  BatchProgressNotification,
  BatchResumeRequest,
  BatchStartRequest,
  EndpointsListRequest,
  GenerateCancelRequest,
  GenerateDoneNotification,
  GenerateProgressNotification,
  GenerateRunningRequest,
  GenerateStartRequest,
  TemplatesListRequest,
  type QuestionFilters,
} from '../protocol';
import { invalid, typed } from './errors';
import { storeFilters } from './questionHandlers';

/** A request the generation modules refused is the caller's mistake (InvalidParams), with their message. */
function checked<T>(work: () => Promise<T>): Promise<T> {
  return typed(async () => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof GenerationParamsError || err instanceof TemplateRefError) throw invalid(err.message);
      throw err;
    }
  });
}

/** The panel's filters as received: only fields of the right type are kept. */
function filtersOf(raw: unknown): QuestionFilters {
  if (typeof raw !== 'object' || raw === null) return {};
  const f = raw as Record<string, unknown>;
  const out: QuestionFilters = {};
  if (typeof f['search'] === 'string') out.search = f['search'];
  if (typeof f['model'] === 'string') out.model = f['model'];
  for (const flag of ['ungraded', 'flagged', 'disagreement'] as const) if (f[flag] === true) out[flag] = true;
  if (f['finish'] === 'unclosed' || f['finish'] === 'truncated') out.finish = f['finish'];
  return out;
}

/**
 * Regenerating single answers and running batch jobs: requests from the extension, progress and done
 * notifications back to it. Returns a stop hook for shutdown (cancels what runs; a batch puts its
 * unfinished items back in the queue).
 */
export function registerGenerationHandlers(connection: Connection, project: Project, workspaceFolders: readonly string[]): { stop(): Promise<void> } {
  const log = (m: string): void => connection.console.info(m);
  const ready = (): ReturnType<Project['ready']> => project.ready();
  const generations = new LiveGenerations(ready, workspaceFolders, {
    progress: (p) => void connection.sendNotification(GenerateProgressNotification, p),
    done: (d) => void connection.sendNotification(GenerateDoneNotification, d),
  }, { log });
  const jobs = new BatchJobs(ready, workspaceFolders, {
    progress: (p) => void connection.sendNotification(BatchProgressNotification, p),
    done: (d) => {
      log(`generation job ${d.name}: ${d.summary}${d.problems.length ? ` (${d.problems.join('; ')})` : ''}`);
      void connection.sendNotification(BatchDoneNotification, d);
    },
  }, { log });

  connection.onRequest(GenerateStartRequest, (params) => checked(() => generations.start(params)));
  connection.onRequest(GenerateCancelRequest, (params) => ({ cancelled: generations.cancel(params?.generationId) }));
  connection.onRequest(GenerateRunningRequest, () => generations.snapshots());
  connection.onRequest(EndpointsListRequest, (params) => checked(async () => listEndpoints((await project.ready()).settings.endpoints, params ?? {})));
  connection.onRequest(TemplatesListRequest, () => checked(async () => listTemplates(workspaceFolders, (await project.ready()).settings.generation?.template)));
  connection.onRequest(BatchStartRequest, (params) =>
    checked(async () => {
      const p = await project.ready();
      return jobs.start(params, storeFilters(filtersOf(params?.filters), p));
    }),
  );
  connection.onRequest(BatchResumeRequest, (params) => checked(() => jobs.resume(params)));
  connection.onRequest(BatchCancelRequest, (params) => ({ cancelled: jobs.cancel(params?.jobId) }));
  connection.onRequest(BatchListRequest, () => checked(() => jobs.list()));
  return { stop: async () => void (await Promise.all([generations.stopAll(), jobs.stopAll()])) };
}
