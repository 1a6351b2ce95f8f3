import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workstation } from '../../src-main/core/workstation.js';
import { TEST_PASSWORD } from '../../src-relay/testing/test-relay.js';
import { waitFor } from '../support/wait.js';
import { KIM, startCustomerScene, type CustomerScene } from './customer-scene.js';

/**
 * One customer across channels, from the provider's webhook to an agent's desk: Kim writes to the
 * company's two WhatsApp numbers, and is one customer with two conversations; then she writes on
 * Telegram, which proves no number, and Ann's desk is offered to merge; Ann merges and unmerges.
 */
describe('one customer across channels, at a real desk', () => {
  let dir: string;
  let scene: CustomerScene;
  let desk: Workstation;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'one-customer-'));
    scene = await startCustomerScene();
    desk = Workstation.open({ dbPath: path.join(dir, 'ann.sqlite'), relayUrl: scene.relay.url });
    await desk.handlers['session.login']({ email: 'ann@acme.test', password: TEST_PASSWORD });
    await waitFor('Ann online', async () => (await desk.handlers['session.get']({})).connection.state === 'online');
  });
  afterEach(async () => {
    await desk.close();
    await scene.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inbox = async () => (await desk.handlers['conversations.list']({ status: 'all', cursor: null, limit: 50 })).items;
  const customer = (customerId: string) => desk.handlers['customers.get']({ customerId });

  it('links the second WhatsApp number to Kim, suggests her Telegram self, and merges and unmerges at the desk', async () => {
    expect(await scene.kimOnWhatsApp('sales', 'Hallo, Vertrieb')).toBe(200);
    const first = await waitFor('the first conversation', async () => (await inbox())[0]);
    expect(await scene.kimOnWhatsApp('support', 'Hallo, Support')).toBe(200);
    const both = await waitFor('both WhatsApp conversations, one customer', async () => {
      const shown = await customer(first.customerId);
      return shown.conversations.length === 2 && shown.customer.identities.length === 3 && shown;
    });
    expect(both.customer).toMatchObject({ name: 'Kim Weber', market: 'DE', identities: expect.arrayContaining([{ kind: 'phone', value: `+${KIM}`, verified: true }]) });

    expect(await scene.kimOnTelegram('Hallo auf Telegram')).toBe(200);
    const onTelegram = await waitFor('the Telegram conversation', async () => (await inbox()).find((c) => c.channel === 'telegram'));
    expect(onTelegram.customerId).not.toBe(first.customerId);
    const suggested = await waitFor('the suggestion at Ann', async () => (await customer(onTelegram.customerId)).suggestions[0]);
    expect(suggested).toMatchObject({ sourceCustomerId: onTelegram.customerId, targetCustomerId: first.customerId, reason: 'name', otherName: 'Kim Weber' });

    await desk.handlers['customers.merge']({ sourceCustomerId: suggested.sourceCustomerId, targetCustomerId: suggested.targetCustomerId });
    const merged = await waitFor('the merge at Ann', async () => {
      const shown = await customer(first.customerId);
      return shown.conversations.length === 3 && !shown.pending && shown;
    });
    expect(merged.conversations.map((c) => c.channel).sort()).toEqual(['telegram', 'whatsapp', 'whatsapp']);
    expect(merged.customer.merges).toMatchObject([{ sourceCustomerId: onTelegram.customerId, byName: 'Ann', conversationIds: [onTelegram.id] }]);
    expect(merged.customer.identities.filter((i) => i.kind === 'channel')).toHaveLength(3);

    await desk.handlers['customers.unmerge']({ mergeId: merged.customer.merges[0]?.id ?? '' });
    await waitFor('the Telegram conversation back with its own customer', async () => (await inbox()).find((c) => c.id === onTelegram.id)?.customerId === onTelegram.customerId);
    expect((await customer(first.customerId)).conversations).toHaveLength(2);
    expect((await customer(onTelegram.customerId)).suggestions).toHaveLength(1);
  });
});
