import { describe, expect, it } from 'vitest';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import { WEBCHAT_QUIET } from '../testing/socket-client.js';
import { useSeededRelay, type SyncClient } from '../testing/sync-harness.js';
import { TEST_PASSWORD } from '../testing/test-relay.js';

const chat = (n: number) => ({ call: 1, chat: n, email: 5 });
const SEED: TenantSeed = {
  tenant: { id: 'acme', name: 'Acme' },
  password: TEST_PASSWORD,
  teams: [{ id: 'global', name: 'Global', languages: ['en', 'de', 'ja', 'pt', 'fr'] }],
  agents: [
    { id: 'ken', email: 'ken@acme.test', name: 'Ken', role: 'agent', language: 'ja', teams: ['global'], routing: { languages: ['ja'], capacity: chat(1), translates: false } },
    { id: 'lena', email: 'lena@acme.test', name: 'Lena', role: 'agent', language: 'de', teams: ['global'], routing: { languages: ['de', 'en'], capacity: chat(2) } },
    { id: 'max', email: 'max@acme.test', name: 'Max', role: 'agent', language: 'en', teams: ['global'], routing: { languages: ['en'], capacity: chat(2) } },
    { id: 'ana', email: 'ana@acme.test', name: 'Ana', role: 'agent', language: 'pt', teams: ['global'], routing: { languages: ['pt', 'es'], capacity: chat(1), translates: false } },
    { id: 'root', email: 'root@acme.test', name: 'Root', role: 'admin', language: 'en', teams: [] },
  ],
  customers: [],
  conversations: [],
};

/** Several agents and customers through the real relay: language, translation, capacity, and the queue as room frees up. */
describe('routing with several agents through the relay', () => {
  const relay = useSeededRelay(SEED, Date.UTC(2026, 10, 24, 10));

  async function customer(name: string, language: string): Promise<string> {
    const page = await relay.open(WEBCHAT_PATH, WebchatServerFrame);
    page.send({ type: 'hello', tenant: 'acme', name, language });
    return (await page.expect('ready', WEBCHAT_QUIET)).conversationId;
  }

  /** Who holds the conversation now, as a fresh administrator's desk learns it from the log. */
  async function assigneeOf(conversationId: string): Promise<string | null | undefined> {
    const { events } = await relay.pullAll((await relay.signIn('root@acme.test')).client);
    let assignee: string | null | undefined;
    for (const { data } of events) if (data.type === 'conversation.upserted' && data.conversation.id === conversationId) assignee = data.conversation.assigneeId;
    return assignee;
  }

  it('gives each customer to a speaker of their language, else to a translator, within capacity, and hands out the queue as room frees', async () => {
    const desks = new Map<string, SyncClient>();
    for (const email of ['ken', 'lena', 'max', 'ana']) {
      const desk = (await relay.signIn(`${email}@acme.test`)).client;
      // Every desk has a model among these; Ken's and Ana's profiles turn translation off all the same.
      desk.send({ type: 'translation-routes', routes: [{ among: ['en', 'de', 'ja', 'pt', 'fr', 'sv'] }] });
      // Frames are handled in order: once the pull is answered, the report is in.
      await relay.pullAll(desk);
      desks.set(email, desk);
    }

    const yui = await customer('Yui', 'ja-JP');
    expect(await assigneeOf(yui)).toBe('ken');
    // Ken is full: a translator takes the next Japanese customer; Ana does not translate.
    const aoi = await customer('Aoi', 'ja-JP');
    expect(['lena', 'max']).toContain(await assigneeOf(aoi));
    const rita = await customer('Rita', 'pt-BR');
    expect(await assigneeOf(rita)).toBe('ana');
    const jonas = await customer('Jonas', 'de-DE');
    expect(await assigneeOf(jonas)).toBe('lena');
    const claire = await customer('Claire', 'fr-FR');
    expect(['lena', 'max']).toContain(await assigneeOf(claire));
    const sven = await customer('Sven', 'sv-SE');
    expect(['lena', 'max']).toContain(await assigneeOf(sven));
    // Lena and Max hold four chats between them now: full, like Ken and Ana.
    const pedro = await customer('Pedro', 'pt-PT');
    expect(await assigneeOf(pedro)).toBeNull();

    // Ana resolves Rita's chat: her room goes to Pedro, who waited.
    desks.get('ana')!.send({ type: 'push', mutations: [{ mutationId: 1, createdAt: Date.now(), body: { kind: 'conversation.setStatus', conversationId: rita, status: 'resolved' } }] });
    await desks.get('ana')!.expect('ack', ['presence', 'events']);
    expect(await assigneeOf(pedro)).toBe('ana');
  });
});
