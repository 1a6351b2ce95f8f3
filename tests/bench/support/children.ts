import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { stopProcess } from '../../support/processes.js';

/** Every child process a benchmark started, so none outlives it. */
const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGKILLs every child still running: on exit, and by a watchdog. */
export function killChildren(): void {
  for (const child of children) if (child.pid && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.once('exit', killChildren);

/** `node [nodeFlags] --import tsx FILE ...args`, tracked; with an IPC channel, so the child can leave when its parent goes. */
export function spawnTsx(file: string, args: string[], options: SpawnOptions = {}, nodeFlags: string[] = []): ChildProcess {
  return track(spawn(process.execPath, [...nodeFlags, '--import', 'tsx', file, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...options }));
}

/** SIGTERM, then SIGKILL if it has not exited within 10 s. */
export async function stopChild(child: ChildProcess | null): Promise<void> {
  if (child?.pid) await stopProcess(child, 10_000);
}

/** The child's next IPC message; a `{type: 'failed', message}` from it, or its exit, rejects. */
export function nextMessage<T extends { type: string }>(child: ChildProcess, seconds: number, what = 'child process'): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what}: no answer within ${seconds} s`));
    }, seconds * 1000);
    const onMessage = (message: T | { type: 'failed'; message: string }) => {
      done();
      if (message.type === 'failed') reject(new Error(`${what}: ${(message as { message: string }).message}`));
      else resolve(message as T);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`${what} exited with ${String(code)}`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
