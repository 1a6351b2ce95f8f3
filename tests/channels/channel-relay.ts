import { randomBytes } from 'node:crypto';
import { ChannelRuntime, type ChannelSettings } from '../../src-relay/channels/channel-runtime.js';
import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';
import { connectChannelAccount } from '../../src-relay/channels/channel-accounts.js';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import { startRelay, type RunningRelay } from '../../src-relay/server.js';
import type { ChannelAccount } from '../../src-relay/storage/port/channels.js';
import { RelayFrame, SYNC_PATH, type SyncEvent } from '../../src-shared/protocol/sync.js';
import { SocketClient } from '../../src-relay/testing/socket-client.js';
import type { TenantSeed } from '../../src-relay/demo/seed.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../../src-relay/testing/test-relay.js';
import { waitFor } from '../support/wait.js';

/** Fast enough for tests: sends every 30 ms, a retry 30 ms after a failure, a provider that hangs given up after 500 ms. */
export const TEST_CHANNEL_SETTINGS: ChannelSettings = { sendIntervalMs: 30, retryBaseMs: 30, retryMaxMs: 200, timeoutMs: 500, maxAttempts: 5 };

export interface ChannelRelay {
  relay: RunningRelay;
  account: ChannelAccount;
  /** The address the provider's console is given. */
  webhookUrl: string;
  /** The database, opened beside the relay, for what the desks cannot see (the send outbox). */
  database: TempDatabase;
  /** Starts the relay again on its address and database, after `relay.close()` (a relay that went down). */
  startAgain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A relay on a fresh database with Acme (ann and bob in team A), one connected account of
 * `provider` routing to team A, and the provider's API pointed at a fake; `settings` add to the
 * test's (another provider's fake, the relay's public address). With `settings.publicUrl` (a relay
 * behind a proxy), `webhookUrl` is the public one: the fake reaches it through its `reach`.
 */
export async function startChannelRelay(provider: string, credentials: unknown, apiBaseUrl: string, settings: ChannelSettings = {}, seed: TenantSeed = ACME): Promise<ChannelRelay> {
  const database = await tempDatabase();
  await seedDatabase(database.dbPath, seed);
  const secretsKey = randomBytes(32);
  const core = testCore(database.dbPath);
  const connected = await connectChannelAccount(core, new ChannelRuntime(CredentialBox.withKey(secretsKey)), {
    tenantId: 'acme',
    provider,
    displayName: `Acme on ${provider}`,
    teamId: 'team-a',
    credentials,
  });
  await core.store.close();
  if (!connected.ok) throw new Error(connected.message);
  const options = { dbPath: database.dbPath, channels: { ...TEST_CHANNEL_SETTINGS, ...settings, secretsKey, apiBaseUrls: { ...settings.apiBaseUrls, [provider]: apiBaseUrl } } };
  const relay = await startRelay(options);
  const scene: ChannelRelay = {
    relay,
    account: connected.account,
    webhookUrl: (settings.publicUrl?.replace(/\/$/, '') ?? relay.url) + connected.webhookPath,
    database,
    async startAgain() {
      scene.relay = await startRelay({ ...options, port: relay.port });
    },
    async close() {
      await scene.relay.close();
      await database.remove();
    },
  };
  return scene;
}

/** An agent's desk over the sync socket, pulled to the head; it keeps every event it hears. */
export class TestDesk {
  readonly events: SyncEvent[] = [];
  private mutationId = 0;

  private constructor(private readonly socket: SocketClient<RelayFrame>) {}

  /** `translation`: what the desk's installed models translate, told to the relay as a desk does after its welcome. */
  static async signIn(relayUrl: string, email: string, password?: string, translation: TranslationRoute[] = []): Promise<TestDesk> {
    const { token } = await login(relayUrl, email, password);
    const socket = await SocketClient.open(relayUrl.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    socket.send({ type: 'hello', token, clientId: `${email}-desk` });
    await socket.expect('welcome', []);
    socket.send({ type: 'translation-routes', routes: translation });
    const desk = new TestDesk(socket);
    socket.send({ type: 'pull', cursor: 0 });
    // Frames are handled in order: once the pull is answered, routing knows the desk's models.
    desk.events.push(...(await socket.expect('events')).events);
    return desk;
  }

  /** Takes in what arrived; call before looking at `events`. */
  private async drain(): Promise<Rejections> {
    const rejections: Rejections = [];
    while (this.socket.pending().length > 0) {
      const frame = await this.socket.next();
      if (frame.type === 'events') this.events.push(...frame.events);
      if (frame.type === 'ack') rejections.push(...frame.rejections);
    }
    return rejections;
  }

  /** Waits until `find` sees what it looks for in the events heard so far. */
  async until<T>(what: string, find: (events: readonly SyncEvent[]) => T | undefined | false): Promise<T> {
    return waitFor(what, async () => {
      await this.drain();
      return find(this.events);
    });
  }

  /** Pushes one mutation and waits for its ack; returns its rejections. */
  async push(body: Record<string, unknown>): Promise<Rejections> {
    const mutationId = ++this.mutationId;
    this.socket.send({ type: 'push', mutations: [{ mutationId, createdAt: Date.now(), body }] });
    let rejections: Rejections | undefined;
    await waitFor(`the ack of mutation ${mutationId}`, async () => {
      const acked = this.socket.pending().some((frame) => frame.type === 'ack' && frame.lastMutationId >= mutationId);
      if (!acked) return false;
      rejections = await this.drain();
      return true;
    });
    return rejections ?? [];
  }

  close(): void {
    this.socket.close();
  }
}

type Rejections = Extract<RelayFrame, { type: 'ack' }>['rejections'];

/** The messages of a conversation as the desk heard them, by id: the last word on each. */
export function messagesOf(events: readonly SyncEvent[], conversationId: string) {
  return events.flatMap((event) => (event.data.type === 'message.created' && event.data.message.conversationId === conversationId ? [event.data.message] : []));
}

/** The deliveries the desk heard for one message, in order. */
export function deliveriesOf(events: readonly SyncEvent[], messageId: string) {
  return events.flatMap((event) => (event.data.type === 'message.delivery' && event.data.messageId === messageId ? [event.data.delivery] : []));
}

/** The conversation of a channel the desk heard of first. */
export function firstConversationOn(events: readonly SyncEvent[], channel: string) {
  for (const event of events) if (event.data.type === 'conversation.upserted' && event.data.conversation.channel === channel) return event.data.conversation;
  return undefined;
}

/** The desk's last word on each message of a conversation (a customer's files reach it as the message again), in the order they came. */
export function latestMessagesOf(events: readonly SyncEvent[], conversationId: string) {
  const byId = new Map<string, ReturnType<typeof messagesOf>[number]>();
  for (const message of messagesOf(events, conversationId)) byId.set(message.id, message);
  return [...byId.values()];
}

/** The message once the relay has settled its files (each kept, or given up with why); undefined while one is still being fetched. */
export function settled<M extends { pendingFiles?: { state: string }[] | undefined }>(message: M | undefined): M | undefined {
  return message && !message.pendingFiles?.some((file) => file.state === 'fetching') ? message : undefined;
}

/** The conversation's messages whose files the relay has settled, by the desk's last word. */
export function settledMessagesOf(events: readonly SyncEvent[], conversationId: string) {
  return latestMessagesOf(events, conversationId).filter((message) => settled(message));
}
