import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerBin } from './paths';

/** User settings for a quiet, deterministic workbench: no trust prompt, no welcome page, no telemetry. */
const baseUserSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'git.enabled': false,
  'window.restoreWindows': 'all',
};

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * A real VS Code (code-server) on loopback with the packaged extension installed into a private
 * extensions folder and a private user-data folder, so runs never share state.
 */
export class CodeServer {
  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
    private readonly home: string,
    readonly logs: () => string,
  ) {}

  static async start(options: { vsix: string; userSettings?: Record<string, unknown> }): Promise<CodeServer> {
    if (!existsSync(codeServerBin)) throw new Error(`code-server is not installed at ${codeServerBin}: run scripts/setup.sh`);
    const home = mkdtempSync(join(tmpdir(), 'medreview-e2e-'));
    const userData = join(home, 'user-data');
    const extensions = join(home, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...baseUserSettings, ...options.userSettings }, null, 2));
    writeFileSync(join(home, 'config.yaml'), 'auth: none\ncert: false\n');
    const install = spawnSync(codeServerBin, ['--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', options.vsix], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`installing the extension into code-server failed:\n${install.stdout}\n${install.stderr}`);

    const port = await freePort();
    const args = [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', join(home, 'config.yaml'),
      '--user-data-dir', userData, '--extensions-dir', extensions,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ];
    const child = spawn(codeServerBin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: home } });
    let output = '';
    const collect = (b: Buffer): void => {
      output += b.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    await new Promise<void>((resolveReady, reject) => {
      const onData = (): void => {
        if (output.includes('HTTP server listening')) {
          child.stdout.off('data', onData);
          resolveReady();
        }
      };
      child.stdout.on('data', onData);
      child.once('exit', (code) => reject(new Error(`code-server exited with ${String(code)} before listening:\n${output}`)));
    });
    return new CodeServer(`http://127.0.0.1:${port}`, child, home, () => output);
  }

  /** The workbench URL that opens a folder. */
  folderUrl(folder: string): string {
    return `${this.url}/?folder=${encodeURIComponent(folder)}`;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((r) => this.process.once('exit', r));
      this.process.kill('SIGTERM');
      await exited;
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}
