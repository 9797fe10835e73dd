import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const codeServerBin = resolve(repoRoot, '.tools', 'code-server', 'node_modules', '.bin', 'code-server');
export const resultsDir = resolve(repoRoot, 'test-results');
export const vsixPath = resolve(repoRoot, 'medreview.vsix');
