import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import './styles.css';
import './summary/summary.css';
import { App } from './app';
import { Rpc } from './rpc';
import { reportTextInputFocus } from './textInputFocus';
import { vscodeApi } from './vscodeApi';

const root = document.getElementById('app');
if (root) {
  const api = vscodeApi();
  const rpc = new Rpc(api, window);
  reportTextInputFocus(rpc);
  void new App(root, rpc, api).start();
}
