import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MASKING_POLICY_PATH } from '../../src-shared/protocol/masking.js';
import type { SyncEvent } from '../../src-shared/protocol/sync.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { natsAvailable, TEST_NATS_URL } from '../support/nats.js';
import { waitFor } from '../support/wait.js';
import { ready, RelayNodes } from './relay-nodes.js';

const natsUp = await natsAvailable();

const messageBody = (event: SyncEvent) => (event.data.type === 'message.created' ? event.data.message.body : null);

/** An administrator's masking policy saved on one node reaches the desks of another within seconds (docs/relay-cluster.md). */
describe.skipIf(!natsUp)('masking across relay nodes', () => {
  let nodes: RelayNodes;
  beforeEach(async () => {
    nodes = new RelayNodes();
    await nodes.seed();
  });
  afterEach(() => nodes.close());

  it('masks phones for a desk on node B soon after the policy is saved on node A, and cards all along', async () => {
    const a = await nodes.start({ natsUrl: TEST_NATS_URL });
    const b = await nodes.start({ natsUrl: TEST_NATS_URL });
    await waitFor('both nodes ready', async () => (await ready(a)) && (await ready(b)));
    const ann = await nodes.desk(b, 'ann@acme.test');
    const { page, conversationId } = await nodes.customer(b, 'Kim');
    await ann.sees('the new conversation', (e) => e.data.type === 'conversation.upserted' && e.data.conversation.id === conversationId);
    page.send({ type: 'send', clientMessageId: 'kim-card-0001', body: 'card 4111 1111 1111 1111, phone +44 7911 123456' });
    await ann.sees('the card masked, the phone not yet', (e) => messageBody(e) === 'card •••• 1111, phone +44 7911 123456');

    const { token } = await login(a.url, 'root@acme.test');
    const saved = await fetch(`${a.url}${MASKING_POLICY_PATH}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ agent: ['card', 'iban', 'national_id', 'phone'], supervisor: ['card'], admin: ['card'] }),
    });
    expect(saved.status).toBe(204);
    // Node B reads the policy again once its copy is 5 s old; each message until then may still show the phone.
    let sent = 1;
    await waitFor(
      'a message with the phone masked on node B',
      async () => {
        sent += 1;
        page.send({ type: 'send', clientMessageId: `kim-phone-${String(sent).padStart(4, '0')}`, body: `again ${sent}: +44 7911 123456` });
        await new Promise((resolve) => setTimeout(resolve, 500));
        await ann.take();
        return ann.events.some((e) => messageBody(e) === `again ${sent}: •••• 3456`);
      },
      15_000,
    );
    expect(ann.events.map(messageBody).join(' ')).not.toContain('4111');
  });
});
