import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request that reached the receiver: what a relay's webhook endpoint would get. */
export interface Received {
  method: string;
  url: string;
  headers: Record<string, string>;
  rawBody: string;
}

/** How the receiver answers one request: a status and body, or no answer (the provider times out). */
export type Reply = { status: number; body?: string } | 'hang';

/**
 * A stand-in for the relay's webhook endpoint in the fakes' own tests: records every request and
 * answers with `decide` (e.g. verify the signature with an independent implementation, or fail
 * the first attempt to see the fake redeliver). Also serves `files` for outbound attachments.
 */
export async function startReceiver(decide: (request: Received, index: number) => Reply = () => ({ status: 200 })) {
  const received: Received[] = [];
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  const server = createServer((req, res) => {
    void readAll(req).then((raw) => {
      const file = req.method === 'GET' ? files.get(req.url ?? '') : undefined;
      if (file) {
        res.writeHead(200, { 'content-type': file.contentType });
        res.end(file.bytes);
        return;
      }
      const request: Received = { method: req.method ?? '', url: req.url ?? '', headers: headersOf(req), rawBody: raw };
      received.push(request);
      const reply = decide(request, received.length - 1);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'text/plain' });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    /** Serves `bytes` at origin + path (an attachment the relay hands to the provider). */
    serve(path: string, bytes: Buffer, contentType: string): string {
      files.set(path, { bytes, contentType });
      return origin + path;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
  return headers;
}
