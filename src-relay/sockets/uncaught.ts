/**
 * What escaped even a frame's error handling (a failing error report) is thrown where an
 * exception in the socket's handler went before frames were async, and the frames after it go on.
 */
export function uncaught(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
