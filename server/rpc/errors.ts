import { ResponseError } from 'vscode-languageserver/node';
import { ServerErrorCode } from '../protocol';
import { StoreBusyError, StoreConflictError, StoreInputError, StoreNotFoundError } from '../store';

/**
 * Runs a handler and turns the core's failures into typed JSON-RPC errors, so the panel can tell a missing
 * question from a busy database and show the right message while keeping its form.
 */
export async function typed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof StoreNotFoundError) throw new ResponseError(ServerErrorCode.NotFound, message);
    if (err instanceof StoreInputError || err instanceof StoreConflictError) throw new ResponseError(ServerErrorCode.InvalidParams, message);
    if (err instanceof StoreBusyError) throw new ResponseError(ServerErrorCode.StoreUnavailable, message);
    throw new ResponseError(ServerErrorCode.Internal, message);
  }
}

export function invalid(message: string): ResponseError<void> {
  return new ResponseError(ServerErrorCode.InvalidParams, message);
}
