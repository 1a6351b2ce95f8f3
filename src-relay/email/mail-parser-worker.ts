import { parentPort } from 'node:worker_threads';
import type { ParseAnswer, ParseJob } from './mail-parser-pool.js';
import { parseMail } from './parse-mail.js';

/**
 * A thread of the mail parser pool (mail-parser-pool.ts): parses one mail at a time, as the pool
 * asks, and answers with the mail, its files' bytes handed over (transferred, not copied). What
 * the parse leaves behind is this thread's garbage, collected in its own small heap.
 */
const port = parentPort;
if (!port) throw new Error('mail-parser-worker.ts runs as a worker thread of mail-parser-pool.ts.');

port.on('message', (job: ParseJob) => {
  void answer(job).then(({ message, transfer }) => port.postMessage(message, transfer));
});

async function answer({ id, raw }: ParseJob): Promise<{ message: ParseAnswer; transfer: ArrayBuffer[] }> {
  try {
    const mail = await parseMail(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
    const files = mail.files.map((file) => ({ ...file, content: ownBytes(file.content) }));
    return { message: { id, ok: true, mail: { ...mail, files } }, transfer: files.map((file) => file.content.buffer as ArrayBuffer) };
  } catch (error) {
    return { message: { id, ok: false, error: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

/** Bytes in an ArrayBuffer of their own: a small Buffer is a slice of Node's shared pool, which must not be transferred. */
function ownBytes(bytes: Buffer): Buffer {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes : Buffer.from(Uint8Array.prototype.slice.call(bytes).buffer);
}
