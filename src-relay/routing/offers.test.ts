import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import { WEBCHAT_QUIET } from '../testing/socket-client.js';
import { useSeededRelay, type SyncClient } from '../testing/sync-harness.js';
import { TEST_PASSWORD } from '../testing/test-relay.js';

const SEED: TenantSeed = {
  tenant: { id: 'acme', name: 'Acme', offerTimeoutSeconds: 30 },
  password: TEST_PASSWORD,
  teams: [{ id: 'team', name: 'Team', languages: ['en'] }],
  agents: [
    { id: 'ann', email: 'ann@acme.test', name: 'Ann', role: 'agent', language: 'en', teams: ['team'] },
    { id: 'bob', email: 'bob@acme.test', name: 'Bob', role: 'agent', language: 'en', teams: ['team'] },
    { id: 'root', email: 'root@acme.test', name: 'Root', role: 'admin', language: 'en', teams: [] },
  ],
};
const NOW = Date.UTC(2026, 10, 24, 10);

/** Offers through the real relay: the best agent is asked; declined or lapsed, the next; accepted, it is theirs. */
describe('offers an agent accepts within a set time', () => {
  const relay = useSeededRelay(SEED, NOW);

  async function customer(name: string): Promise<string> {
    const page = await relay.open(WEBCHAT_PATH, WebchatServerFrame);
    page.send({ type: 'hello', tenant: 'acme', name, language: 'en' });
    return (await page.expect('ready', WEBCHAT_QUIET)).conversationId;
  }

  async function current(id: string): Promise<Conversation> {
    const { events } = await relay.pullAll((await relay.signIn('root@acme.test')).client);
    let found: Conversation | undefined;
    for (const { data } of events) if (data.type === 'conversation.upserted' && data.conversation.id === id) found = data.conversation;
    if (!found) throw new Error(`no conversation ${id}`);
    return found;
  }

  let mutationId = 0;
  async function push(desk: SyncClient, body: unknown) {
    desk.send({ type: 'push', mutations: [{ mutationId: ++mutationId, createdAt: NOW, body }] });
    return (await desk.expect('ack', ['presence', 'events'])).rejections;
  }

  it('offers to the longest idle, moves on when declined, and assigns when accepted', async () => {
    mutationId = 0;
    const ann = (await relay.signIn('ann@acme.test')).client;
    const bob = (await relay.signIn('bob@acme.test')).client;
    const id = await customer('Kim');
    const offered = await current(id);
    expect(offered.assigneeId).toBeNull();
    expect(offered.offer).toEqual({ agentId: 'ann', expiresAt: NOW + 30_000 });
    // Only the agent it is offered to may take it.
    expect(await push(bob, { kind: 'conversation.accept', conversationId: id })).toEqual([expect.objectContaining({ code: 'conflict', reason: 'taken' })]);
    expect(await push(ann, { kind: 'conversation.decline', conversationId: id })).toEqual([]);
    expect((await current(id)).offer).toEqual({ agentId: 'bob', expiresAt: NOW + 30_000 });
    expect(await push(bob, { kind: 'conversation.accept', conversationId: id })).toEqual([]);
    expect(await current(id)).toMatchObject({ assigneeId: 'bob', offer: null });
  });
});
