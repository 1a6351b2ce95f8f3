import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { SocketClient } from '../../../src-relay/testing/socket-client.js';
import { RelayFrame, SYNC_PATH } from '../../../src-shared/protocol/sync.js';
import type { SentRequest } from '../../channels/fakes/fake-http.js';
import { BENCH_PASSWORD, BENCH_TENANT } from './bench-company.js';
import { LatencyHistogram } from './latency-histogram.js';
import { signIn } from './sign-in.js';

export interface ReplyTiming {
  pushed: number;
  refused: number;
  /** Replies the provider's API never received within the wait. */
  missing: number;
  /** Replies the provider's API received more than once. */
  duplicated: number;
  histogram: LatencyHistogram;
  firstRefusals: string[];
}

/**
 * Calls `onRequest` with each request a fake records, as it records it: when the provider's API
 * received the call (the fakes keep requests, not times).
 */
export function stampRequests(sent: SentRequest[], onRequest: (request: SentRequest, at: number) => void): void {
  const push = sent.push.bind(sent);
  sent.push = (...requests: SentRequest[]) => {
    const at = performance.now();
    for (const request of requests) onRequest(request, at);
    return push(...requests);
  };
}

/** The first `n` conversations the webhooks opened on `channel`, read beside the running relay. */
export function channelConversations(dbPath: string, channel: string, n: number): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id FROM conversations WHERE tenant_id = ? AND channel = ? ORDER BY created_at LIMIT ?').all(BENCH_TENANT, channel, n) as { id: string }[];
    return rows.map((row) => row.id);
  } finally {
    db.close();
  }
}

/**
 * Signs `email` in over the sync socket and pushes one reply.send to each conversation, one every
 * `everyMs`; each is timed from its push to the moment the provider's fake received the send
 * call with its body (`received` is fed by stampRequests).
 */
export async function timeReplies(
  relayUrl: string,
  email: string,
  conversationIds: string[],
  everyMs: number,
  received: Map<string, number[]>,
): Promise<ReplyTiming> {
  const token = await signIn(relayUrl, email, BENCH_PASSWORD);
  const socket = await SocketClient.open(relayUrl.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
  const pushedAt = new Map<string, number>();
  const firstRefusals: string[] = [];
  let refused = 0;
  try {
    socket.send({ type: 'hello', token, clientId: `bench-desk-${randomUUID()}` });
    for (;;) if ((await socket.next()).type === 'welcome') break;
    let mutationId = 0;
    for (const conversationId of conversationIds) {
      const body = `Bench reply ${++mutationId}: it ships today.`;
      pushedAt.set(body, performance.now());
      socket.send({ type: 'push', mutations: [{ mutationId, createdAt: Date.now(), body: { kind: 'reply.send', conversationId, messageId: randomUUID(), body } }] });
      await new Promise((resolve) => setTimeout(resolve, everyMs));
      // Frames queue in the client until read: read the acks as they come.
      for (const frame of await drain(socket)) {
        if (frame.type !== 'ack') continue;
        refused += frame.rejections.length;
        for (const rejection of frame.rejections) if (firstRefusals.length < 3) firstRefusals.push(JSON.stringify(rejection));
      }
    }
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline && [...pushedAt.keys()].some((body) => !received.has(body))) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    socket.close();
  }
  const histogram = new LatencyHistogram();
  let missing = 0;
  let duplicated = 0;
  for (const [body, at] of pushedAt) {
    const times = received.get(body);
    if (!times) missing++;
    else {
      histogram.add(times[0]! - at);
      if (times.length > 1) duplicated++;
    }
  }
  return { pushed: pushedAt.size, refused, missing, duplicated, histogram, firstRefusals };
}

async function drain(socket: SocketClient<RelayFrame>): Promise<RelayFrame[]> {
  const frames: RelayFrame[] = [];
  while (socket.pending().length > 0) frames.push(await socket.next());
  return frames;
}
