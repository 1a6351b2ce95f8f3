import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileReplyRules } from '../../../src-shared/reply-checks/check-reply.js';
import { parseReplyRules } from '../../../src-shared/reply-checks/reply-rules.js';
import { Cache } from '../../store/cache.js';
import { sampleAgent, sampleConversation } from '../../store/testing/records.js';
import type { SyncClient } from '../../sync/sync-client.js';
import { ApiEvents } from '../api-events.js';
import { conversationHandlers, type ConversationHandlers } from './conversation-service.js';
import { Guards } from './guards.js';
import { ReplyChecks, replyCheckHandlers } from './reply-check-service.js';

const RULES = compileReplyRules(
  parseReplyRules(
    {
      version: 1,
      rules: [
        { id: 'share', description: 'Do not offer to share data.', action: 'warn', match: { phrases: { en: ['share your data'], th: ['แชร์ข้อมูลของคุณ'] } } },
        { id: 'card', description: 'Never quote a card number.', action: 'block', match: { personalData: ['card'] } },
        { id: 'refund', description: 'Refunds follow the policy.', action: 'warn', match: { phrases: { en: ['full refund guaranteed'] } } },
      ],
    },
    'test rules',
  ),
);

/** The reply checks in the desk's core: the composer's question, and the same check before a reply is queued. */
describe('reply checks in the core', () => {
  let cache: Cache;
  let conversations: ConversationHandlers;
  let check: ReturnType<typeof replyCheckHandlers>['replies.check'];

  beforeEach(() => {
    cache = Cache.open(':memory:');
    // Mei writes English; the customer writes Thai, in Thailand.
    cache.session.saveSignIn({ token: 't', expiresAt: Date.now() + 60_000, agent: sampleAgent({ language: 'en' }) });
    cache.conversations.upsert(sampleConversation({ id: 'conv-1' }));
    const guards = new Guards(cache, { isClosed: () => false });
    const parts = { cache, sync: { outboxChanged: () => undefined } as unknown as SyncClient, events: new ApiEvents(() => undefined), guards, relayUrl: 'http://127.0.0.1:1', log: () => undefined };
    const checks = new ReplyChecks(RULES);
    conversations = conversationHandlers(parts, null, checks);
    check = replyCheckHandlers(parts, checks)['replies.check'];
  });
  afterEach(() => cache.close());

  const queued = () => cache.outbox.next(10).map((mutation) => mutation.body);

  it('answers the rules the draft and its translation break, with where', async () => {
    const { hits } = await check({ conversationId: 'conv-1', draft: 'We can share your data.', translation: { body: 'เราแชร์ข้อมูลของคุณได้ค่ะ', language: 'th' } });
    expect(hits).toEqual([
      { ruleId: 'share', action: 'warn', description: 'Do not offer to share data.', part: 'draft', spans: [{ start: 7, end: 22 }] },
      { ruleId: 'share', action: 'warn', description: 'Do not offer to share data.', part: 'translation', spans: [{ start: 3, end: 19 }] },
    ]);
    expect((await check({ conversationId: 'conv-1', draft: 'Your parcel arrives tomorrow.', translation: null })).hits).toEqual([]);
    await expect(check({ conversationId: 'nope', draft: 'x', translation: null })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a blocked reply, overridden or not, and queues nothing', async () => {
    const reply = { conversationId: 'conv-1', body: 'Your card 4111 1111 1111 1111 was charged.' };
    await expect(conversations['conversations.reply'](reply)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('(card): Never quote a card number.') });
    await expect(conversations['conversations.reply']({ ...reply, checks: { overrides: ['card'], shown: ['card'] } })).rejects.toMatchObject({ code: 'bad_request' });
    expect(queued()).toEqual([]);
    expect(cache.messages.pageBefore('conv-1', null, 10).messages).toEqual([]);
  });

  it('refuses a warned reply until the agent overrides that very rule, then sends it with the override', async () => {
    const reply = { conversationId: 'conv-1', body: 'We can share your data, full refund guaranteed.' };
    await expect(conversations['conversations.reply'](reply)).rejects.toMatchObject({ message: expect.stringContaining('(share)') });
    await expect(conversations['conversations.reply']({ ...reply, checks: { overrides: ['share'], shown: [] } })).rejects.toMatchObject({ message: expect.stringContaining('(refund)') });
    expect(queued()).toEqual([]);
    const { message } = await conversations['conversations.reply']({ ...reply, checks: { overrides: ['share', 'refund'], shown: ['share', 'refund'] } });
    expect(queued()).toEqual([expect.objectContaining({ kind: 'reply.send', messageId: message.id, flags: [
      { ruleId: 'share', action: 'warn', overridden: true },
      { ruleId: 'refund', action: 'warn', overridden: true },
    ] })]);
  });

  it('checks the translation the customer gets, not only the agent\'s words', async () => {
    const translated = { conversationId: 'conv-1', body: 'เราแชร์ข้อมูลของคุณได้ค่ะ', original: { body: 'We can help with that.', language: 'en' } };
    await expect(conversations['conversations.reply'](translated)).rejects.toMatchObject({ message: expect.stringContaining('(share)') });
    await conversations['conversations.reply']({ ...translated, checks: { overrides: ['share'], shown: ['share'] } });
    expect(queued()[0]).toMatchObject({ flags: [{ ruleId: 'share', action: 'warn', overridden: true }] });
  });

  it('tells the relay which rules the agent saw and fixed; a clean reply with none carries no flags', async () => {
    await conversations['conversations.reply']({ conversationId: 'conv-1', body: 'We will look into the charge.', checks: { overrides: [], shown: ['card', 'share', 'no-such-rule'] } });
    await conversations['conversations.reply']({ conversationId: 'conv-1', body: 'Anything else?' });
    const [fixed, clean] = queued();
    expect(fixed).toMatchObject({ flags: [{ ruleId: 'card', action: 'block', overridden: false }, { ruleId: 'share', action: 'warn', overridden: false }] });
    expect(clean).not.toHaveProperty('flags');
  });
});
