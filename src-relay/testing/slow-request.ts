import { request } from 'node:http';

export interface SlowRequest {
  /** Sends the rest of the body; the answer's status follows. */
  finish(): Promise<number>;
  /** Settles when the relay answers, or with 0 when it cuts the connection. */
  answered: Promise<number>;
}

/**
 * A POST whose body arrives in two parts, so a test holds a request in flight on the relay
 * (its hooks have run, its body is still coming) for as long as it likes.
 */
export async function startSlowRequest(relayUrl: string, path: string, body: string): Promise<SlowRequest> {
  const url = new URL(path, relayUrl);
  const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  const answered = new Promise<number>((resolve) => {
    outgoing.once('response', (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.once('error', () => resolve(0));
  });
  const half = Math.floor(body.length / 2);
  await new Promise<void>((resolve) => outgoing.write(body.slice(0, half), () => resolve()));
  // Give the relay time to read the headers and run its hooks before the test goes on.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    answered,
    finish() {
      outgoing.end(body.slice(half));
      return answered;
    },
  };
}
