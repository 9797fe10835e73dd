import { html, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderMarkdown } from '../markdown';
import type { Shortcut } from '../protocol';

function dialog(title: string, body: TemplateResult, onClose: () => void): TemplateResult {
  // Escape is handled by the app, which also moves focus into the box on open and back on close.
  return html`<div class="overlay" role="dialog" aria-modal="true" aria-label=${title}>
    <div class="overlay-box" tabindex="-1">
      <header><h2>${title}</h2><vscode-button secondary class="close" @click=${onClose}>Close</vscode-button></header>
      ${body}
    </div>
  </div>`;
}

/** The keyboard shortcuts as VS Code keybindings, with a way to change them. */
export function shortcutsOverlay(shortcuts: Shortcut[], onClose: () => void, onCustomise: () => void): TemplateResult {
  return dialog(
    'Keyboard shortcuts',
    html`<table class="shortcuts">
        <thead><tr><th scope="col">Key</th><th scope="col">Action</th></tr></thead>
        <tbody>${shortcuts.map((s) => html`<tr><td><kbd>${s.key}</kbd></td><td>${s.title}</td></tr>`)}</tbody>
      </table>
      <p>Digits pick a choice on the focused field; a choice's own letter (such as <kbd>y</kbd> or <kbd>n</kbd>) works too.
        Enter in the comment types a new line; Ctrl+Enter saves. These are VS Code keybindings:
        <vscode-button secondary @click=${onCustomise}>Change them</vscode-button></p>`,
    onClose,
  );
}

/** The rubric's instructions for raters. */
export function guidelinesOverlay(title: string, instructions: string | undefined, onClose: () => void): TemplateResult {
  return dialog(
    `Guidelines: ${title}`,
    html`<div class="markdown guidelines">${unsafeHTML(renderMarkdown(instructions ?? 'This rubric has no instructions.'))}</div>`,
    onClose,
  );
}
