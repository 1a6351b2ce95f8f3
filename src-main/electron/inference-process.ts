import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { utilityProcess } from 'electron';
import type { InferenceChannel } from '../ai/inference-client.js';

/**
 * The inference process in the desktop app: an Electron utility process (a Node child of the
 * main process with no window and no Electron APIs), so an ONNX Runtime crash ends it alone.
 */
export function launchInferenceUtility(): InferenceChannel {
  const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'ai', 'inference-worker.js');
  const child = utilityProcess.fork(worker, [], { serviceName: 'Workstation inference', stdio: 'inherit' });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(`exit code ${code}`)),
    kill: () => {
      child.kill();
    },
  };
}
