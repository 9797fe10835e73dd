import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { panelShortcuts } from '../../../src/panel/shortcuts';
import { repoRoot } from '../../helpers/shared';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as object;

describe('panel keyboard shortcuts', () => {
  it('lists every review keybinding with its command title, and the choice keys once', () => {
    const list = panelShortcuts(manifest, 'linux');
    const byTitle = new Map(list.map((s) => [s.title, s.key]));
    assert.equal(byTitle.get('Next Question'), 'J');
    assert.equal(byTitle.get('Save Rating'), 'Ctrl+Enter');
    assert.equal(byTitle.get('Show Keyboard Shortcuts'), '?');
    assert.equal(list.filter((s) => s.command === 'medreview.review.choose').length, 1);
    assert.match(byTitle.get('Pick a choice on the focused field') ?? '', /^1 2 3 .* y n$/);
  });

  it('shows the macOS variant on macOS', () => {
    assert.equal(panelShortcuts(manifest, 'darwin').find((s) => s.title === 'Save Rating')?.key, 'Cmd+Enter');
  });

  it('routes every panel key through the one ordered command, naming an action the panel knows', () => {
    const m = manifest as { contributes: { keybindings: { command: string; args?: { action?: string } }[]; commands: { command: string }[] } };
    const named = new Set(m.contributes.commands.map((c) => c.command));
    for (const kb of m.contributes.keybindings) {
      assert.equal(kb.command, 'medreview.review.key');
      const action = kb.args?.action ?? '';
      assert.ok(action === 'choose' || named.has(`medreview.review.${action}`), `unknown action ${action}`);
    }
  });

  it('limits every binding to the panel, and single keys to when no text field has focus', () => {
    const kbs = (manifest as { contributes: { keybindings: { key: string; when: string }[] } }).contributes.keybindings;
    for (const kb of kbs) {
      assert.match(kb.when, /activeWebviewPanelId == 'medreview\.review'/, `${kb.key} is limited to the panel`);
      if (!kb.key.includes('+') || kb.key === 'shift+/') assert.match(kb.when, /!medreview\.textInputFocused/, `${kb.key} must not fire while typing`);
    }
  });
});
