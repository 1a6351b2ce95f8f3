import type { ApiResult } from '../../src-shared/api/contract.js';
import type { ApiRouter } from '../core/api-router.js';
import { originOf } from './app-url.js';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}

/**
 * Like VS Code's validatedIpcMain: a call counts only if it comes from the main frame of our
 * own window, showing our own app:// origin. An iframe, a navigated-away page or another
 * window gets nothing.
 */
export function isTrustedSender(event: InvokeEventLike, expected: { contents: unknown; origin: string }): boolean {
  try {
    const frame = event.senderFrame;
    if (event.sender !== expected.contents || frame === null) return false;
    if (frame.parent !== null) return false;
    return originOf(frame.url) === expected.origin;
  } catch {
    // A frame destroyed mid-call throws on access; it cannot be trusted either.
    return false;
  }
}

/** The one ipc handler: check the sender, then let the router check and run the call. */
export function createInvokeHandler<E>(
  router: ApiRouter,
  isTrusted: (event: E) => boolean,
): (event: E, method: unknown, params: unknown) => Promise<ApiResult<unknown>> {
  return async (event, method, params) => {
    if (!isTrusted(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'This frame may not call the workstation api.' } };
    }
    return router.handle(method, params);
  };
}
