/**
 * A language-server stand-in in its own process, for the crash test: opens the workspace's project, starts a
 * batch job on the given endpoint, and prints `job <id>` and then `stored <n>` after every stored answer, so
 * the parent can kill it mid-job. (Progress is read from the store after each commit.)
 */
import { BatchJobs } from '../../../server/generation';
import { Project } from '../../../server/project/project';
import { sampleSettings } from '../project/projectHarness';

async function main(): Promise<void> {
  const [workspace, url] = process.argv.slice(2);
  if (!workspace || !url) throw new Error('usage: jobChild <workspace> <endpoint url>');
  const settings = { ...sampleSettings, endpoints: [{ name: 'replay', preset: 'llama.cpp' as const, url, slots: 2 }] };
  const project = new Project(settings, [workspace], () => undefined, () => undefined);
  await project.reload();
  const jobs = new BatchJobs(() => project.ready(), [workspace], {
    progress: (p) => process.stdout.write(`stored ${p.done}\n`),
    done: (d) => process.stdout.write(`done ${d.state}\n`),
  }, { progressIntervalMs: 0 });
  const started = await jobs.start({ models: [{ model: 'model.gguf', endpoints: ['replay'] }], templates: ['builtin:medical-cot'] });
  process.stdout.write(`job ${started.jobId}\n`);
  await jobs.idle();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
