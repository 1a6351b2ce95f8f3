import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src-shared/domain/model.js';
import type { ReplyFlagRecord } from '../../src-shared/reply-checks/reply-flags.js';
import { verifyAudit } from '../audit/verify-audit.js';
import type { RelayCore } from '../relay-core.js';
import { applyPush } from '../sync/push.js';
import { acmeCore, addTestConversation } from '../testing/test-relay.js';
import { FLAGGED_REPLIES_WINDOW_MS } from './flagged-replies.js';
import { liveBoard } from './live-board.js';

const MINUTE = 60_000;

/** A desk's reply that its reply checks flagged reaches the audit log and the supervisors' live board. */
describe('flagged replies', () => {
  let core: RelayCore;
  let clock = 10 * MINUTE;
  let mutationId = 0;
  const who = async (id: string): Promise<Agent> => (await core.store.accounts.findAgent(id))!.agent;
  /** A new push each time; `again` repeats the last one, as a desk does after a lost acknowledgement. */
  const reply = async (agentId: string, conversationId: string, messageId: string, flags?: ReplyFlagRecord[], again = false) =>
    (await applyPush(core, await who(agentId), `${agentId}-desk`, [{ mutationId: again ? mutationId : ++mutationId, body: { kind: 'reply.send', conversationId, messageId, body: 'We can share your information with partners.', ...(flags ? { flags } : {}) } }])).rejections;

  beforeEach(async () => {
    clock = 10 * MINUTE;
    core = await acmeCore(() => clock);
  });
  afterEach(() => core.store.close());

  it('records each flag in the audit log with the reply, chained, and never the text', async () => {
    await addTestConversation(core, 'c1', 'ann');
    expect(await reply('ann', 'c1', 'm1', [{ ruleId: 'share-with-partners', action: 'warn', overridden: true }, { ruleId: 'card-number-quoted', action: 'block', overridden: false }])).toEqual([]);
    const entries = await core.store.audit.list('acme', { action: 'reply.flagged', limit: 10 });
    expect(entries.map((e) => ({ actorId: e.actorId, target: e.target, details: e.details, at: e.at }))).toEqual([
      { actorId: 'ann', target: { type: 'conversation', id: 'c1' }, details: { messageId: 'm1', ruleId: 'card-number-quoted', ruleAction: 'block', overridden: false }, at: clock },
      { actorId: 'ann', target: { type: 'conversation', id: 'c1' }, details: { messageId: 'm1', ruleId: 'share-with-partners', ruleAction: 'warn', overridden: true }, at: clock },
    ]);
    expect(JSON.stringify(entries)).not.toContain('partners.');
    expect((await verifyAudit(core.store)).broken).toBeNull();
  });

  it('records nothing for a reply without flags, nor again for a retried push of the same reply', async () => {
    await addTestConversation(core, 'c1', 'ann');
    expect(await reply('ann', 'c1', 'm1')).toEqual([]);
    expect(await reply('ann', 'c1', 'm2', [{ ruleId: 'share-with-partners', action: 'warn', overridden: true }])).toEqual([]);
    expect(await reply('ann', 'c1', 'm2', [{ ruleId: 'share-with-partners', action: 'warn', overridden: true }], true)).toEqual([]);
    expect(await core.store.audit.list('acme', { action: 'reply.flagged', limit: 10 })).toHaveLength(1);
  });

  it("shows the supervisor the flags in their teams' open conversations: rule, whether sent anyway, who", async () => {
    await addTestConversation(core, 'mine', 'ann');
    await addTestConversation(core, 'done', 'ann');
    await addTestConversation(core, 'other-team', 'cid', { teamId: 'team-b' });
    await reply('ann', 'mine', 'm1', [{ ruleId: 'share-with-partners', action: 'warn', overridden: true }]);
    await reply('ann', 'done', 'm2', [{ ruleId: 'refund-outside-policy', action: 'warn', overridden: true }]);
    await reply('cid', 'other-team', 'm3', [{ ruleId: 'share-with-partners', action: 'warn', overridden: true }]);
    clock += MINUTE;
    await reply('ann', 'mine', 'm4', [{ ruleId: 'ask-card-or-password', action: 'block', overridden: false }]);
    await applyPush(core, await who('ann'), 'ann-desk', [{ mutationId: ++mutationId, body: { kind: 'conversation.setStatus', conversationId: 'done', status: 'resolved' } }]);

    const board = await liveBoard(core, await who('sue'));
    expect(board.flaggedReplies).toEqual([
      { conversationId: 'mine', teamId: 'team-a', customerName: 'Kim', messageId: 'm4', agentId: 'ann', ruleId: 'ask-card-or-password', action: 'block', overridden: false, at: 11 * MINUTE },
      { conversationId: 'mine', teamId: 'team-a', customerName: 'Kim', messageId: 'm1', agentId: 'ann', ruleId: 'share-with-partners', action: 'warn', overridden: true, at: 10 * MINUTE },
    ]);
    expect((await liveBoard(core, await who('root'))).flaggedReplies.map((f) => f.messageId)).toEqual(['m4', 'm3', 'm1']);
    // After a day the board lets them go; the audit log keeps them.
    clock += FLAGGED_REPLIES_WINDOW_MS + 1;
    expect((await liveBoard(core, await who('sue'))).flaggedReplies).toEqual([]);
  });
});
