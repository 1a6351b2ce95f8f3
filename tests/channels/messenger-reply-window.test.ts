import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplyOptions } from '../../src-shared/protocol/channels/templates.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { firstConversationOn, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startMessengerFake, type MessengerFake } from './fakes/messenger/fake.js';
import { messengerText } from './fakes/messenger/payloads.js';

const CREDENTIALS = { pageId: '1122334455', pageAccessToken: 'EAAG-page-access-token', appSecret: 'messenger-app-secret', verifyToken: 'verify-token-0123' };
const PSID = '24680135792468';
const DAY = 24 * 3_600_000;

/** What a desk's composer is told about Messenger's windows: the human-agent tag up to 7 days, then nothing, and no templates. */
describe("Messenger's reply window as the composer sees it", () => {
  let fake: MessengerFake;
  let scene: ChannelRelay;
  let ann: TestDesk;

  beforeEach(async () => {
    fake = await startMessengerFake({ appSecret: CREDENTIALS.appSecret, accessToken: CREDENTIALS.pageAccessToken, enforceWindow: true, account: { id: CREDENTIALS.pageId, name: 'Acme Shoes' } });
    scene = await startChannelRelay('messenger', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  async function customerWroteAt(timestamp: number) {
    expect(await fake.deliver(messengerText({ pageId: CREDENTIALS.pageId, psid: PSID, text: 'Hello?', timestamp }), { webhookUrl: scene.webhookUrl })).toBe(200);
    return ann.until('the Messenger conversation at Ann', (events) => firstConversationOn(events, 'messenger'));
  }

  async function replyOptions(conversationId: string): Promise<ReplyOptions> {
    const { token } = await login(scene.relay.url, 'ann@acme.test');
    const response = await fetch(`${scene.relay.url}/api/conversations/${conversationId}/reply-options`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ReplyOptions.parse(await response.json());
  }

  it('says a reply goes with the human-agent tag after 24 hours, until 7 days after the customer wrote', async () => {
    const twoDaysAgo = Date.now() - 2 * DAY;
    const conversation = await customerWroteAt(twoDaysAgo);
    expect(await replyOptions(conversation.id)).toEqual({ channel: 'messenger', window: 'tagged', windowEndsAt: twoDaysAgo + 7 * DAY, templatesSupported: false, templates: [], fallbackLanguage: 'en' });
  });

  it('says nothing may go after 7 days, and refuses a template: Messenger has none in this flow', async () => {
    const conversation = await customerWroteAt(Date.now() - 8 * DAY);
    expect(await replyOptions(conversation.id)).toMatchObject({ window: 'closed', windowEndsAt: null, templatesSupported: false });
    const [refusal] = await ann.push({
      kind: 'reply.send', conversationId: conversation.id, messageId: 'ann-template', body: 'Hello Kim', basis: { assigneeId: 'ann', status: 'open' },
      template: { name: 'hello', language: 'en', parameters: [] },
    });
    expect(refusal).toMatchObject({ code: 'invalid', message: expect.stringContaining('Messenger has no approved templates') });
    expect(fake.sent).toHaveLength(0);
  });

  it('says the window is open, and until when, right after the customer wrote', async () => {
    const now = Date.now();
    const conversation = await customerWroteAt(now);
    expect(await replyOptions(conversation.id)).toMatchObject({ window: 'open', windowEndsAt: now + DAY });
  });
});
