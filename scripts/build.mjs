// Bundles the four entry points into dist/: one file each, so the .vsix carries no node_modules.
import * as esbuild from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};

// Prefer ES module entries: some dependencies (jsonc-parser) ship a UMD `main` whose dynamic requires
// a bundler cannot follow.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };

const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The import's parse worker thread (server/store/bulkImport/workerScript.ts looks for it beside cli.js and server.js).
  { ...node, entryPoints: ['server/store/bulkImport/parseWorker.ts'], outfile: 'dist/import-worker.js' },
  // The export's reader thread (server/export/readerThread.ts looks for it beside cli.js and server.js).
  { ...node, entryPoints: ['server/export/readWorker.ts'], outfile: 'dist/export-worker.js' },
  // The summary's ROUGE thread (server/export/rougeThread.ts looks for it beside cli.js and server.js).
  { ...node, entryPoints: ['server/export/rougeWorker.ts'], outfile: 'dist/summary-worker.js' },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

await mkdir('dist', { recursive: true });
// The SQLite WASM binary is loaded from the bundle's own directory at run time.
await copyFile('node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm', 'dist/node-sqlite3-wasm.wasm');
await copyFile('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
await copyFile('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
