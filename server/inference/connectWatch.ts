import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/**
 * An agent for one request that reports when its connection is established. Axios has no such hook, and
 * the client needs it to tell "cannot connect" (give up after the connect timeout) from "connected and
 * queued behind busy slots" (wait, however long). No keep-alive: cancelling must close the connection so
 * the server frees the slot, and a loopback connect costs nothing next to a generation.
 */
class WatchedHttpAgent extends http.Agent {
  constructor(private readonly onConnect: () => void) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    socket?.once('connect', this.onConnect);
    return socket;
  }
}

class WatchedHttpsAgent extends https.Agent {
  constructor(private readonly onConnect: () => void) {
    super({ keepAlive: false });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    socket?.once('secureConnect', this.onConnect);
    return socket;
  }
}

export function watchedAgents(onConnect: () => void): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  return { httpAgent: new WatchedHttpAgent(onConnect), httpsAgent: new WatchedHttpsAgent(onConnect) };
}
