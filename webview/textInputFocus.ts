import { TextInputFocusChanged } from './protocol';
import { perf } from './perfMarks';
import type { Rpc } from './rpc';

/** True for elements where a plain key types text (inputs, text areas, and the shadow inputs of vscode-elements). */
function isTextInput(el: Element | null): boolean {
  if (!el) return false;
  const inner = el.shadowRoot?.activeElement ?? null;
  if (inner && inner !== el) return isTextInput(inner);
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'vscode-textarea' || tag === 'vscode-textfield') return true;
  if (tag === 'input') return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes((el as HTMLInputElement).type);
  return (el as HTMLElement).isContentEditable;
}

/** A key that types a character (no Ctrl, Cmd or Alt), which a text field must keep to itself. */
function isTypingKey(e: KeyboardEvent): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/**
 * Keeps single-key review shortcuts from firing while the user types. VS Code resolves keybindings from
 * keydown events the webview forwards from its window; a typing key inside a text field stops at the
 * document, so it is typed and never forwarded. The `medreview.textInputFocused` context key, kept in
 * sync as focus moves, covers anything else.
 */
export function reportTextInputFocus(rpc: Rpc): void {
  document.addEventListener('keydown', (e) => {
    if (/^[0-9yn]$/.test(e.key)) perf.key();
    const target = e.target instanceof Element ? e.target : null;
    // A drop-down uses plain keys (arrows, letters) to pick its option; they are not review shortcuts there.
    const inSelect = target?.tagName.toLowerCase() === 'select' && !e.ctrlKey && !e.metaKey && !e.altKey;
    if (inSelect || (isTypingKey(e) && isTextInput(target))) e.stopPropagation();
  });
  let last = false;
  const update = (): void => {
    const focused = isTextInput(document.activeElement);
    if (focused === last) return;
    last = focused;
    rpc.notify(TextInputFocusChanged, { focused });
  };
  document.addEventListener('focusin', update, true);
  document.addEventListener('focusout', () => setTimeout(update, 0), true);
}
