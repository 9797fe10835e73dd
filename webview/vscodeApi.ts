import type { PanelViewState } from './protocol';

/** The part of the webview API the panel uses; `acquireVsCodeApi` may be called once per page. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): PanelViewState | undefined;
  setState(state: PanelViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}
