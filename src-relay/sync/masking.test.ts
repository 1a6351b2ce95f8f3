import { describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/domain/model.js';
import { MASKING_POLICY_PATH } from '../../src-shared/protocol/masking.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import type { TenantSeed } from '../demo/seed.js';
import { ACME_AWAY, pushSettled, useSeededRelay, type SyncClient } from '../testing/sync-harness.js';

const CARD = '4111 1111 1111 1111';
const IBAN = 'DE89 3704 0044 0532 0130 00';
const PHONE = '+44 7911 123456';
const ASKS = `My card is ${CARD}, IBAN ${IBAN}, call ${PHONE}`;

const SEED: TenantSeed = {
  ...ACME_AWAY,
  conversations: [{ id: 'c-ann', customer: 'kim', channel: 'webchat', team: 'team-a', assignee: 'ann', status: 'open', messages: [{ minutesAgo: 5, author: 'customer', body: ASKS }] }],
};

/** What an agent's and a supervisor's desks receive by the default policy: cards for both, IBANs for agents only. */
const FOR_AGENT = 'My card is •••• 1111, IBAN •••• 3000, call +44 7911 123456';
const FOR_SUPERVISOR = `My card is •••• 1111, IBAN ${IBAN}, call ${PHONE}`;

const bodies = (events: readonly SyncEvent[]) =>
  events.flatMap((event) => (event.data.type === 'message.created' ? [event.data.message.body] : []));
const previews = (events: readonly SyncEvent[]) =>
  events.flatMap((event) => (event.data.type === 'conversation.upserted' ? [event.data.conversation.lastMessagePreview] : []));

/** The relay masks message text before it leaves for a desk, the same way on every path (docs/privacy.md). */
describe('masked personal data on every sync path', () => {
  const now = Date.now();
  const { signIn, pullAll, relayUrl } = useSeededRelay(SEED, now);

  async function snapshotMessages(client: SyncClient): Promise<{ bodies: string[]; previews: string[] }> {
    client.send({ type: 'snapshot', after: null });
    const page = await client.expect('snapshot');
    return { bodies: page.messages.map((m: Message) => m.body), previews: page.conversations.map((c) => c.lastMessagePreview) };
  }

  it('pull, snapshot and live events carry the same masked text, by role', async () => {
    const ann = await signIn('ann@acme.test');
    const sue = await signIn('sue@acme.test');
    const pulled = { ann: await pullAll(ann.client), sue: await pullAll(sue.client) };
    expect(bodies(pulled.ann.events)).toEqual([FOR_AGENT]);
    expect(bodies(pulled.sue.events)).toEqual([FOR_SUPERVISOR]);
    expect(previews(pulled.ann.events).at(-1)).toBe(FOR_AGENT);

    // Live: Ann quotes the card back; both desks get the event masked, Ann's own included.
    const { events } = await pushSettled(ann.client, { mutationId: 1, createdAt: now, body: { kind: 'reply.send', conversationId: 'c-ann', messageId: 'r-1', body: `Got ${CARD}, thanks` } });
    expect(bodies(events)).toEqual(['Got •••• 1111, thanks']);
    expect(previews(events)).toEqual(['Got •••• 1111, thanks']);
    const live = await sue.client.expect('events', ['presence']);
    expect(bodies(live.events)).toEqual(['Got •••• 1111, thanks']);

    const snapshots = { ann: await snapshotMessages(ann.client), sue: await snapshotMessages(sue.client) };
    expect(snapshots.ann).toEqual({ bodies: [FOR_AGENT, 'Got •••• 1111, thanks'], previews: ['Got •••• 1111, thanks'] });
    expect(snapshots.sue.bodies).toEqual([FOR_SUPERVISOR, 'Got •••• 1111, thanks']);
    const all = JSON.stringify([pulled, events, live, snapshots]);
    expect(all).not.toContain(CARD);
  });

  it("an administrator's new policy applies to the next frame of desks already connected", async () => {
    const sue = await signIn('sue@acme.test');
    await pullAll(sue.client);
    const root = await signIn('root@acme.test');
    const policy = { agent: ['card', 'iban', 'national_id'], supervisor: ['card', 'phone'], admin: ['card'] };
    const put = await fetch(`${relayUrl()}${MASKING_POLICY_PATH}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${root.token}` },
      body: JSON.stringify(policy),
    });
    expect(put.status).toBe(204);
    const ann = await signIn('ann@acme.test');
    await pullAll(ann.client);
    await pushSettled(ann.client, { mutationId: 1, createdAt: now, body: { kind: 'reply.send', conversationId: 'c-ann', messageId: 'r-2', body: `Call ${PHONE}` } });
    const live = await sue.client.expect('events', ['presence']);
    expect(bodies(live.events)).toEqual(['Call •••• 3456']);
    expect(bodies((await pullAll(sue.client)).events)[0]).toBe(`My card is •••• 1111, IBAN ${IBAN}, call •••• 3456`);
  });

  it('refuses a policy that would leave card numbers clear for a role, and anyone but an administrator', async () => {
    const root = await signIn('root@acme.test');
    const sue = await signIn('sue@acme.test');
    const put = (body: unknown, token: string) =>
      fetch(`${relayUrl()}${MASKING_POLICY_PATH}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const unsafe = await put({ agent: ['card'], supervisor: ['card'], admin: [] }, root.token);
    expect(unsafe.status).toBe(400);
    expect(JSON.stringify(await unsafe.json())).toMatch(/card numbers are masked for every role/);
    expect((await put({ agent: ['card', 'gps'], supervisor: ['card'], admin: ['card'] }, root.token)).status).toBe(400);
    expect((await put({ agent: ['card'], supervisor: ['card'], admin: ['card'] }, sue.token)).status).toBe(403);
  });
});
