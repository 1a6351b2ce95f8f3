import { describe, expect, it } from 'vitest';
import { AUDIT_PATH, AuditPage } from '../../src-shared/protocol/audit.js';
import { REVEAL_PATH } from '../../src-shared/protocol/masking.js';
import type { TenantSeed } from '../demo/seed.js';
import { ACME_AWAY, useSeededRelay } from '../testing/sync-harness.js';

const CARD = '4111 1111 1111 1111';
const SEED: TenantSeed = {
  ...ACME_AWAY,
  conversations: [
    { id: 'c-ann', customer: 'kim', channel: 'webchat', team: 'team-a', assignee: 'ann', status: 'open', messages: [{ minutesAgo: 5, author: 'customer', body: `Card ${CARD} please` }] },
  ],
};

/** Revealing one masked value: for whoever may act on the conversation, with a reason, audited without the value. */
describe('revealing a masked value', () => {
  const { signIn, pullAll, relayUrl } = useSeededRelay(SEED, Date.now());

  async function messageId(email: string): Promise<{ token: string; messageId: string }> {
    const { client, token } = await signIn(email);
    const { events } = await pullAll(client);
    const created = events.find((event) => event.data.type === 'message.created');
    if (created?.data.type !== 'message.created') throw new Error('no message was pulled');
    expect(created.data.message.body).toBe('Card •••• 1111 please');
    return { token, messageId: created.data.message.id };
  }

  const reveal = (token: string, body: Record<string, unknown>) =>
    fetch(`${relayUrl()}${REVEAL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

  it('gives the value at the masked offset and records who, why and what kind, never the value', async () => {
    const ann = await messageId('ann@acme.test');
    const request = { conversationId: 'c-ann', messageId: ann.messageId, field: 'body', at: 5, reason: 'customer asked to confirm the card' };
    const answer = await reveal(ann.token, request);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toEqual({ kind: 'card', value: CARD });

    const root = await signIn('root@acme.test');
    const page = AuditPage.parse(await (await fetch(`${relayUrl()}${AUDIT_PATH}?action=personal_data.revealed`, { headers: { authorization: `Bearer ${root.token}` } })).json());
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      actorId: 'ann',
      action: 'personal_data.revealed',
      target: { type: 'conversation', id: 'c-ann' },
      details: { kind: 'card', detected: 'card', messageId: ann.messageId, reason: 'customer asked to confirm the card' },
    });
    expect(JSON.stringify(page)).not.toContain('4111');
  });

  it('refuses without a reason, where nothing is masked, and outside the caller’s conversations, recording nothing', async () => {
    const ann = await messageId('ann@acme.test');
    const base = { conversationId: 'c-ann', messageId: ann.messageId, field: 'body', at: 5, reason: 'checking the card' };
    expect((await reveal(ann.token, { ...base, reason: ' ' })).status).toBe(400);
    expect((await reveal(ann.token, { ...base, at: 6 })).status).toBe(404);
    expect((await reveal(ann.token, { ...base, field: 'original' })).status).toBe(404);
    const cid = await signIn('cid@acme.test');
    const outside = await reveal(cid.token, base);
    const missing = await reveal(cid.token, { ...base, conversationId: 'c-nobody' });
    expect([outside.status, missing.status]).toEqual([404, 404]);
    expect((await outside.json()).error.message).toBe((await missing.json()).error.message);
    const root = await signIn('root@acme.test');
    const page = AuditPage.parse(await (await fetch(`${relayUrl()}${AUDIT_PATH}?action=personal_data.revealed`, { headers: { authorization: `Bearer ${root.token}` } })).json());
    expect(page.entries).toEqual([]);
  });
});
