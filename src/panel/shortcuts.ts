import type { Shortcut } from '../../webview/protocol';

interface Manifest {
  contributes?: {
    commands?: { command: string; title: string }[];
    keybindings?: { command: string; key: string; mac?: string; args?: { action?: string; key?: string } }[];
  };
}

const keyNames: Record<string, string> = { ctrl: 'Ctrl', cmd: 'Cmd', shift: 'Shift', alt: 'Alt', enter: 'Enter', up: '↑', down: '↓', '/': '/' };

function pretty(key: string): string {
  if (key === 'shift+/') return '?';
  return key
    .split('+')
    .map((k) => keyNames[k] ?? k.toUpperCase())
    .join('+');
}

/**
 * The panel's default keybindings, from the extension's own manifest (VS Code offers no API to read the
 * user's resolved keybindings, so the panel also links to the Keyboard Shortcuts editor).
 */
export function panelShortcuts(manifest: Manifest, platform: NodeJS.Platform): Shortcut[] {
  const titles = new Map((manifest.contributes?.commands ?? []).map((c) => [c.command, c.title]));
  const out: Shortcut[] = [];
  const panelKeys = (manifest.contributes?.keybindings ?? []).filter((k) => k.command === 'medreview.review.key' && k.args?.action);
  for (const kb of panelKeys) {
    if (kb.args?.action === 'choose') continue;
    const command = `medreview.review.${kb.args?.action ?? ''}`;
    out.push({ command, title: titles.get(command) ?? command, key: pretty(platform === 'darwin' && kb.mac ? kb.mac : kb.key) });
  }
  const choiceKeys = panelKeys.filter((k) => k.args?.action === 'choose').map((k) => k.key);
  if (choiceKeys.length) out.push({ command: 'medreview.review.choose', title: 'Pick a choice on the focused field', key: choiceKeys.join(' ') });
  return out;
}
