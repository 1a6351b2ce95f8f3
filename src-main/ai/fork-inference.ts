import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceChannel } from './inference-client.js';

/**
 * Starts the inference process as a Node child (the web host and tests; the desktop app uses
 * Electron's utilityProcess instead). From sources it runs under tsx, like its parent.
 */
export function forkInferenceProcess(): InferenceChannel & { pid: number | undefined } {
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  const worker = path.join(path.dirname(here), `inference-worker${extension}`);
  const child = fork(worker, [], {
    execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      child.once('exit', (code, signal) => listener(signal ? `killed by ${signal}` : `exit code ${String(code)}`));
      child.once('error', (error) => {
        listener(`could not start: ${error.message}`);
        child.kill();
      });
    },
    kill: () => child.kill('SIGKILL'),
  };
}
