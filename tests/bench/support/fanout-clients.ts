import WebSocket from 'ws';
import { signIn } from './sign-in.js';

/**
 * N lightweight sync-protocol clients in one process (forked with an IPC channel by the bench):
 * sign in over HTTP, hello, pull to live, then for every live `events` frame record
 * Date.now() - event.at (relay commit -> parsed here) in a 1 ms histogram.
 *
 * Parent -> child: { type: 'start', url, accounts: [{email}], password } then { type: 'stop' }.
 * Child -> parent: { type: 'ready', live } then { type: 'result', ... }.
 */

interface Start {
  type: 'start';
  url: string;
  emails: string[];
  password: string;
}
type ParentMessage = Start | { type: 'stop' };

const HIST_MAX_MS = 60_000;
const histogram = new Uint32Array(HIST_MAX_MS + 1);
let samples = 0;
let frames = 0;
let gaps = 0;
let closedEarly = 0;
let measuring = false;
const sockets: WebSocket[] = [];
/** Each client's cursor, to check at the end that every one reached the same head. */
const cursors: number[] = [];
let startHead = 0;

function send(message: unknown): void {
  process.send?.(message);
}

/** Resolves once the connection is live (a pull answer with hasMore false). */
function connect(url: string, token: string, clientId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/sync`);
    sockets.push(socket);
    let cursor = 0;
    const index = cursors.push(0) - 1;
    let live = false;
    const timer = setTimeout(() => reject(new Error(`${clientId} did not go live within 30 s`)), 30_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, clientId })));
    socket.on('message', (raw: Buffer) => {
      const now = Date.now();
      const frame = JSON.parse(raw.toString()) as {
        type: string;
        headSeq?: number;
        from?: number;
        to?: number;
        hasMore?: boolean;
        events?: { seq: number; at: number }[];
        message?: string;
      };
      if (frame.type === 'welcome') {
        // History is not what is measured: start at the head and pull once to go live.
        cursor = frame.headSeq ?? 0;
        startHead = Math.max(startHead, cursor);
        socket.send(JSON.stringify({ type: 'pull', cursor }));
        return;
      }
      if (frame.type === 'error') {
        clearTimeout(timer);
        reject(new Error(`${clientId}: relay error ${String(frame.message)}`));
        return;
      }
      if (frame.type !== 'events') return;
      if (frame.from !== cursor) {
        gaps += 1;
        socket.send(JSON.stringify({ type: 'pull', cursor }));
        return;
      }
      cursor = frame.to ?? cursor;
      cursors[index] = cursor;
      if (live && measuring) {
        frames += 1;
        for (const event of frame.events ?? []) {
          histogram[Math.max(0, Math.min(HIST_MAX_MS, now - event.at))]! += 1;
          samples += 1;
        }
      }
      if (frame.hasMore) socket.send(JSON.stringify({ type: 'pull', cursor }));
      else if (!live) {
        live = true;
        clearTimeout(timer);
        resolve();
      }
    });
    socket.on('close', () => {
      if (measuring) closedEarly += 1;
      clearTimeout(timer);
      reject(new Error(`${clientId} closed`));
    });
    socket.on('error', () => undefined);
  });
}

function percentile(p: number): number {
  if (samples === 0) return NaN;
  const rank = Math.ceil((p / 100) * samples);
  let seen = 0;
  for (let ms = 0; ms <= HIST_MAX_MS; ms++) {
    seen += histogram[ms]!;
    if (seen >= rank) return ms;
  }
  return HIST_MAX_MS;
}

async function start({ url, emails, password }: Start): Promise<void> {
  // Sign in a few at a time: the relay checks a password hash per login.
  const tokens: string[] = [];
  for (let i = 0; i < emails.length; i += 25) {
    tokens.push(...(await Promise.all(emails.slice(i, i + 25).map((email) => signIn(url, email, password)))));
  }
  for (let i = 0; i < tokens.length; i += 50) {
    await Promise.all(tokens.slice(i, i + 50).map((token, j) => connect(url, token, `bench-client-${i + j}`)));
  }
  measuring = true;
  send({ type: 'ready', live: sockets.length });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') {
    start(message).catch((error: unknown) => {
      send({ type: 'failed', message: String(error) });
    });
  } else {
    measuring = false;
    let max = 0;
    for (let ms = HIST_MAX_MS; ms >= 0; ms--) {
      if (histogram[ms]) {
        max = ms;
        break;
      }
    }
    send({
      type: 'result', samples, frames, gaps, closedEarly, p50: percentile(50), p99: percentile(99), max,
      startHead, minCursor: Math.min(...cursors), maxCursor: Math.max(...cursors),
    });
    for (const socket of sockets) socket.terminate();
    setTimeout(() => process.exit(0), 200);
  }
});
// The bench going away ends this process too.
process.on('disconnect', () => process.exit(0));
