import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  isWebviewMessage,
  WebviewErrorCode,
  type NotificationMessage,
  type RequestMessage,
  type ResponseMessage,
  type WebviewError,
  type WebviewNotificationType,
  type WebviewRequestType,
} from './protocol';
import type { VsCodeApi } from './vscodeApi';

/** A request that ended in an error result (from the host, or a timeout here). */
export class RpcError extends Error {
  constructor(readonly error: WebviewError) {
    super(error.message);
  }
}

/** Where host messages arrive: `window` in the panel, any event target in tests. */
export interface MessageTarget {
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}

interface Pending {
  resolve(result: unknown): void;
  reject(err: RpcError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The webview end of the protocol: numbered requests that each settle exactly once (result, error, or
 * timeout), and typed notification handlers.
 */
export class Rpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, (params: unknown) => void>();
  /** Requests that may change stored data: how many went out, and how many have not settled yet. */
  private writesSent = 0;
  private writesOpen = 0;
  private readonly settledListeners: (() => void)[] = [];

  constructor(
    private readonly api: Pick<VsCodeApi, 'postMessage'>,
    target: MessageTarget,
  ) {
    target.addEventListener('message', (e) => this.receive(e.data));
  }

  /** A mark that changes whenever a request that may change data is sent; `undefined` while one is open. */
  get writeMark(): number | undefined {
    return this.writesOpen > 0 ? undefined : this.writesSent;
  }

  /** Called whenever the last open data-changing request settles. */
  onWritesSettled(listener: () => void): void {
    this.settledListeners.push(listener);
  }

  request<P, R>(type: WebviewRequestType<P, R>, params: P, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<R> {
    if (type.readOnly) return this.send(type, params, timeoutMs);
    this.writesSent++;
    this.writesOpen++;
    const settle = (): void => {
      if (--this.writesOpen === 0) for (const l of this.settledListeners) l();
    };
    const sent = this.send(type, params, timeoutMs);
    sent.then(settle, settle);
    return sent;
  }

  private send<P, R>(type: WebviewRequestType<P, R>, params: P, timeoutMs: number): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcError({ code: WebviewErrorCode.Timeout, message: `'${type.method}' did not answer within ${timeoutMs} ms` }));
      }, timeoutMs);
      this.pending.set(id, { resolve: (r) => resolve(r as R), reject, timer });
      const message: RequestMessage = { kind: 'request', id, method: type.method, params, timeoutMs };
      this.api.postMessage(message);
    });
  }

  notify<P>(type: WebviewNotificationType<P>, params: P): void {
    const message: NotificationMessage = { kind: 'notification', method: type.method, params };
    this.api.postMessage(message);
  }

  onNotification<P>(type: WebviewNotificationType<P>, handler: (params: P) => void): void {
    this.handlers.set(type.method, (p) => handler(p as P));
  }

  private receive(data: unknown): void {
    if (!isWebviewMessage(data)) return;
    if (data.kind === 'response') this.settle(data);
    else if (data.kind === 'notification') this.handlers.get(data.method)?.(data.params);
  }

  private settle(response: ResponseMessage): void {
    const p = this.pending.get(response.id);
    if (!p) return; // already timed out
    this.pending.delete(response.id);
    clearTimeout(p.timer);
    if (response.ok) p.resolve(response.result);
    else p.reject(new RpcError(response.error));
  }
}
