import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as protocol from '../../../webview/protocol';
import { repoRoot } from '../../helpers/shared';

describe('webview request routes', () => {
  it('answers every request the webview protocol declares (the extension imports vscode, so its route table is read as text)', () => {
    const routes = readFileSync(join(repoRoot, 'src', 'panel', 'webviewRoutes.ts'), 'utf8');
    const requests = Object.entries(protocol).filter(([, v]) => typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'request');
    assert.ok(requests.length >= 10, 'the protocol declares its requests');
    for (const [name] of requests) assert.match(routes, new RegExp(`route\\(wv\\.${name},`), `no route for ${name}`);
  });

  it('gives every message a distinct method name', () => {
    const methods = (Object.values(protocol) as unknown[])
      .filter((v): v is { kind: string; method: string } => typeof v === 'object' && v !== null && 'method' in v)
      .map((v) => `${v.kind}:${v.method}`);
    assert.equal(new Set(methods).size, methods.length);
  });
});
