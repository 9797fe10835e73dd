import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandTable } from '../../../src/commands';
import { SETTING_DEFAULTS } from '../../../src/settingDefaults';
import { repoRoot } from '../../helpers/shared';

interface Manifest {
  main: string;
  bin: Record<string, string>;
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;

describe('package.json manifest', () => {
  it('declares exactly the commands the extension registers', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const registered = commandTable.map((c) => c.id).sort();
    assert.deepEqual(declared, registered);
  });

  it('declares the trace setting that vscode-languageclient reads for the client id', () => {
    assert.ok('medreview.trace.server' in manifest.contributes.configuration.properties);
  });

  it('does not claim a VS Code newer than the @types/vscode it compiles against', () => {
    const engine = manifest.engines.vscode.replace(/^[^\d]*/, '');
    const types = manifest.devDependencies['@types/vscode']?.replace(/^[^\d]*/, '') ?? '';
    const [eMaj, eMin] = engine.split('.').map(Number);
    const [tMaj, tMin] = types.split('.').map(Number);
    assert.ok(tMaj! < eMaj! || (tMaj === eMaj && tMin! <= eMin!), `@types/vscode ${types} is newer than engines.vscode ${engine}`);
  });

  it('points main and bin at the bundles the build writes', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.bin.medreview, './dist/cli.js');
  });
});

describe('settings', () => {
  it('declares every setting the config module reads, with the same default', () => {
    const props = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      assert.ok(`medreview.${key}` in props, `medreview.${key} is not declared in package.json`);
      assert.deepEqual(props[`medreview.${key}`]!.default, value, `default of medreview.${key}`);
    }
  });
});
