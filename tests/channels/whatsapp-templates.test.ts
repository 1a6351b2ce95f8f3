import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReplyOptions, TemplateRefreshAnswer } from '../../src-shared/protocol/channels/templates.js';
import { login } from '../../src-relay/testing/test-relay.js';
import { deliveriesOf, firstConversationOn, messagesOf, startChannelRelay, TestDesk, type ChannelRelay } from './channel-relay.js';
import { startWhatsAppFake, type WhatsAppFake, type WhatsAppFakeTemplate } from './fakes/whatsapp/fake.js';
import { whatsAppTextMessage } from './fakes/whatsapp/payloads.js';
import { manyTemplates, orderTemplates } from './fakes/whatsapp/templates.js';

const WABA = '102290129340398';
const CREDENTIALS = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123', businessAccountId: WABA };
const KIM = '4915112345678';
const SHIPPED_DE = 'Acme\n\nHallo Kim, deine Bestellung A-1042 ist unterwegs.\n\nAntworte STOP zum Abmelden';

/** Approved templates end to end: WhatsApp Manager's list (the fake Graph API), the relay's copy, and a template reply after the 24 hours. */
describe('WhatsApp approved templates against the fake Graph API', () => {
  let fake: WhatsAppFake;
  let scene: ChannelRelay;
  let ann: TestDesk;
  let adminToken: string;
  let templates: WhatsAppFakeTemplate[];

  beforeEach(async () => {
    templates = orderTemplates();
    fake = await startWhatsAppFake({ ...CREDENTIALS, templates });
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl);
    ann = await TestDesk.signIn(scene.relay.url, 'ann@acme.test');
    adminToken = (await login(scene.relay.url, 'root@acme.test')).token;
  });
  afterEach(async () => {
    ann.close();
    await scene.close();
    await fake.close();
  });

  const refresh = async (token = adminToken) => {
    const response = await fetch(`${scene.relay.url}/api/admin/channels/${scene.account.id}/templates`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const replyOptions = async (conversationId: string, email = 'ann@acme.test') => {
    const { token } = await login(scene.relay.url, email);
    const response = await fetch(`${scene.relay.url}/api/conversations/${encodeURIComponent(conversationId)}/reply-options`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  /** Kim wrote 25 hours ago: the customer-service window has closed. */
  async function kimWroteYesterday() {
    const yesterday = String(Math.floor(Date.now() / 1000) - 25 * 3600);
    expect(await fake.deliver(whatsAppTextMessage({ phoneNumberId: CREDENTIALS.phoneNumberId, from: KIM, name: 'Kim Weber', body: 'Wo bleibt mein Paket?', timestamp: yesterday }), { webhookUrl: scene.webhookUrl })).toBe(200);
    return ann.until('the WhatsApp conversation at Ann', (events) => firstConversationOn(events, 'whatsapp'));
  }

  const templateReply = (conversationId: string, messageId: string, body: string, template: Record<string, unknown>) =>
    ann.push({ kind: 'reply.send', conversationId, messageId, body, basis: { assigneeId: 'ann', status: 'open' }, template });

  it("keeps the approved templates it can send, from every page of the list, on an administrator's refresh only", async () => {
    const conversation = await kimWroteYesterday();
    expect(ReplyOptions.parse((await replyOptions(conversation.id)).body).templates).toEqual([]);
    expect((await refresh((await login(scene.relay.url, 'ann@acme.test')).token)).status).toBe(403);
    const answer = TemplateRefreshAnswer.parse((await refresh()).body);
    expect(answer).toMatchObject({ ok: true, approved: 4 });
    const options = ReplyOptions.parse((await replyOptions(conversation.id)).body);
    expect(options).toMatchObject({ channel: 'whatsapp', window: 'closed', windowEndsAt: null, templatesSupported: true, fallbackLanguage: 'en' });
    // Pending, rejected, media-header and named-variable templates are left out.
    expect(options.templates.map((t) => `${t.name}/${t.language}`)).toEqual(['follow_up/de', 'follow_up/en_US', 'order_shipped/de', 'order_shipped/en_US']);
    expect(options.templates.find((t) => t.name === 'order_shipped' && t.language === 'de')).toEqual({
      name: 'order_shipped', language: 'de', category: 'UTILITY', header: 'Acme', body: 'Hallo {{1}}, deine Bestellung {{2}} ist unterwegs.', footer: 'Antworte STOP zum Abmelden', parameterCount: 2,
    });
    const listCalls = fake.sent.filter((request) => request.path === `/v23.0/${WABA}/message_templates`);
    expect(listCalls).toHaveLength(1);
    expect(listCalls[0]?.query).toMatchObject({ fields: expect.stringContaining('components'), limit: '100' });
    expect(listCalls[0]?.headers.authorization).toBe(`Bearer ${CREDENTIALS.accessToken}`);
  });

  it('follows the paging cursors to the last page', async () => {
    await fake.close();
    fake = await startWhatsAppFake({ ...CREDENTIALS, templates: [...manyTemplates(230), ...orderTemplates()] });
    await scene.close();
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl);
    adminToken = (await login(scene.relay.url, 'root@acme.test')).token;
    expect(TemplateRefreshAnswer.parse((await refresh()).body)).toMatchObject({ ok: true, approved: 234 });
    const pages = fake.sent.filter((request) => request.path.endsWith('/message_templates'));
    expect(pages.map((page) => page.query.after ?? null)).toEqual([null, expect.any(String), expect.any(String)]);
  });

  it('reads the templates again when an administrator tests the connection, and on its own every so often', async () => {
    const listCalls = () => fake.sent.filter((request) => request.path === `/v23.0/${WABA}/message_templates`).length;
    const tested = await fetch(`${scene.relay.url}/api/admin/channels/${scene.account.id}/test`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
    expect(await tested.json()).toMatchObject({ check: { ok: true } });
    expect(listCalls()).toBe(1);
    const conversation = await kimWroteYesterday();
    expect(ReplyOptions.parse((await replyOptions(conversation.id)).body).templates).toHaveLength(4);
    // A relay that refreshes every 100 ms (an hour in production) reads them without anyone asking.
    await scene.close();
    scene = await startChannelRelay('whatsapp', CREDENTIALS, fake.apiBaseUrl, { templateRefreshMs: 100 });
    await expect.poll(listCalls, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
  });

  it('says why when Meta refuses the list, and keeps the templates it had', async () => {
    await refresh();
    fake.respondNext({ status: 400, body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 } } });
    const refused = TemplateRefreshAnswer.parse((await refresh()).body);
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('WhatsApp Business Account') });
    const conversation = await kimWroteYesterday();
    expect(ReplyOptions.parse((await replyOptions(conversation.id)).body).templates).toHaveLength(4);
  });

  it('refuses free text after the 24 hours, sends an approved template with its values, and keeps what the customer got', async () => {
    await refresh();
    const conversation = await kimWroteYesterday();
    const [refusal] = await ann.push({ kind: 'reply.send', conversationId: conversation.id, messageId: 'ann-free', body: 'Sorry!', basis: { assigneeId: 'ann', status: 'open' } });
    expect(refusal?.message).toMatch(/Only an approved template may go now/);
    const choice = { name: 'order_shipped', language: 'de', parameters: ['Kim', 'A-1042'] };
    expect(await templateReply(conversation.id, 'ann-template', SHIPPED_DE, choice)).toEqual([]);
    await ann.until('the template sent', (events) => deliveriesOf(events, 'ann-template').some((d) => d.state === 'sent'));
    expect(fake.templateSends()).toEqual([
      {
        to: KIM,
        template: { name: 'order_shipped', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Kim' }, { type: 'text', text: 'A-1042' }] }] },
        id: expect.stringMatching(/^wamid\./),
      },
    ]);
    expect(fake.texts()).toEqual([]);
    expect(messagesOf(ann.events, conversation.id).find((m) => m.id === 'ann-template')?.body).toBe(SHIPPED_DE);
  });

  it('takes a refused template reply sent again under its own id as the same template, and refuses it again as its text alone', async () => {
    const conversation = await kimWroteYesterday();
    const choice = { name: 'order_shipped', language: 'de', parameters: ['Kim', 'A-1042'] };
    // Before an administrator fetched the account's templates the relay knows none of them.
    const [refused] = await templateReply(conversation.id, 'ann-again', SHIPPED_DE, choice);
    expect(refused?.message).toMatch(/is not among this account's approved templates/);
    await refresh();
    // What the desk's retry sent before it kept the template: the rendered text, which the window refuses.
    const [asText] = await ann.push({ kind: 'reply.send', conversationId: conversation.id, messageId: 'ann-again', body: SHIPPED_DE, basis: { assigneeId: 'ann', status: 'open' } });
    expect(asText?.message).toMatch(/Only an approved template may go now/);
    expect(await templateReply(conversation.id, 'ann-again', SHIPPED_DE, choice)).toEqual([]);
    await ann.until('the template sent', (events) => deliveriesOf(events, 'ann-again').some((d) => d.state === 'sent'));
    expect(fake.templateSends().map((send) => send.template)).toEqual([
      { name: 'order_shipped', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Kim' }, { type: 'text', text: 'A-1042' }] }] },
    ]);
    expect(fake.texts()).toEqual([]);
  });

  it('refuses a template the account does not hold, with the wrong number of values, or whose text is not the template filled in', async () => {
    await refresh();
    const conversation = await kimWroteYesterday();
    const refusals = [
      await templateReply(conversation.id, 'r1', SHIPPED_DE, { name: 'order_shipped', language: 'fr', parameters: ['Kim', 'A-1042'] }),
      await templateReply(conversation.id, 'r2', SHIPPED_DE, { name: 'spring_sale', language: 'en_US', parameters: [] }),
      await templateReply(conversation.id, 'r3', SHIPPED_DE, { name: 'order_shipped', language: 'de', parameters: ['Kim'] }),
      await templateReply(conversation.id, 'r4', 'Something else entirely', { name: 'order_shipped', language: 'de', parameters: ['Kim', 'A-1042'] }),
      await templateReply(conversation.id, 'r5', SHIPPED_DE, { name: 'order_shipped', language: 'de', parameters: ['Kim', 'A-1042\nand more'] }),
    ];
    expect(refusals.map((r) => r[0]?.message ?? '')).toEqual([
      expect.stringContaining('is not among this account\'s approved templates'),
      expect.stringContaining('is not among this account\'s approved templates'),
      expect.stringContaining('takes 2 values, and 1 were given'),
      expect.stringContaining('changed since it was picked'),
      expect.stringContaining('one line, without tabs'),
    ]);
    expect(refusals.map((r) => r[0]?.code)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(fake.sent.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it("shows Meta's refusal of a template paused after the last refresh as not delivered, with the reason", async () => {
    await refresh();
    const conversation = await kimWroteYesterday();
    // Paused in WhatsApp Manager (low quality) after the relay's last look: Meta refuses it with 132001.
    for (const template of templates) if (template.name === 'order_shipped') template.status = 'PAUSED';
    expect(await templateReply(conversation.id, 'ann-paused', SHIPPED_DE, { name: 'order_shipped', language: 'de', parameters: ['Kim', 'A-1042'] })).toEqual([]);
    const failed = await ann.until('the template not delivered', (events) => deliveriesOf(events, 'ann-paused').find((d) => d.state === 'failed'));
    expect(failed).toMatchObject({ failure: 'template-rejected', detail: expect.stringContaining('132001') });
    expect(fake.sent.filter((request) => request.method === 'POST').map((request) => request.response.status)).toEqual([404]);
  });

  it('answers reply options only for a conversation the agent may act on', async () => {
    const conversation = await kimWroteYesterday();
    expect((await replyOptions(conversation.id, 'cid@acme.test')).status).toBe(404);
    expect((await replyOptions('no-such-conversation')).status).toBe(404);
    expect((await replyOptions(conversation.id, 'bob@acme.test')).status).toBe(404);
  });
});
