import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerIdentity } from '../../src-shared/domain/customers.js';
import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import type { MutationBody } from '../../src-shared/protocol/mutations/index.js';
import { canSee, viewerOf } from '../log/visibility.js';
import { eraseCustomer } from '../privacy/erasure.js';
import type { RelayCore } from '../relay-core.js';
import { applyPush } from '../sync/push.js';
import { acmeCore } from '../testing/test-relay.js';

const P = '+4915112345678';
const E = 'kim@example.de';
const identity = (kind: CustomerIdentity['kind'], value: string, verified: boolean): CustomerIdentity => ({ kind, value, verified });
const WA = identity('channel', 'whatsapp:wa:4915112345678', true);
const LINE = identity('channel', 'line:ln:U1', true);

/**
 * Kim ('cust') wrote on WhatsApp (c-kim, Ann's) with her proven number and an email she typed;
 * 'kim-line' wrote on LINE (c-line, Ann's too) and typed the number, but proved the email; the
 * relay suggested they are one. Yui wrote to team B (c-yui, Cid's).
 */
async function seedScene(core: RelayCore): Promise<void> {
  const conversation = (id: string, customerId: string, customerName: string, teamId: string, assigneeId: string): Conversation => ({
    id, customerId, customerName, channel: 'line', teamId, assigneeId, status: 'open', language: 'en', market: null, createdAt: 1, updatedAt: 1, lastMessageAt: 1, lastMessagePreview: '',
  });
  await core.commit('acme', async ({ store }) => {
    await store.conversations.insertCustomer('acme', { id: 'kim-line', name: 'Kim Weber', language: 'en', market: null, createdAt: 2 });
    await store.conversations.insertCustomer('acme', { id: 'yui', name: 'Yui', language: 'ja', market: 'JP', createdAt: 2 });
    for (const [held, customerId] of [[WA, 'cust'], [identity('phone', P, true), 'cust'], [identity('email', E, false), 'cust'], [LINE, 'kim-line'], [identity('phone', P, false), 'kim-line'], [identity('email', E, true), 'kim-line']] as const) {
      await store.customers.addIdentity('acme', customerId, held, 1);
    }
    await store.customers.insertSuggestion('acme', { id: 's1', sourceCustomerId: 'kim-line', targetCustomerId: 'cust', reason: 'name', at: 1 });
  });
  await core.commit('acme', (changes) => changes.addConversation({ ...conversation('c-kim', 'cust', 'Kim', 'team-a', 'ann'), channel: 'whatsapp' }));
  await core.commit('acme', (changes) => changes.addConversation(conversation('c-line', 'kim-line', 'Kim Weber', 'team-a', 'ann')));
  await core.commit('acme', (changes) => changes.addConversation(conversation('c-yui', 'yui', 'Yui', 'team-b', 'cid')));
}

describe('merging and unmerging customers', () => {
  let core: RelayCore;
  let mutationId = 0;
  beforeEach(async () => {
    core = await acmeCore(() => 9000);
    await seedScene(core);
  });
  afterEach(() => core.store.close());

  const agent = async (id: string): Promise<Agent> => {
    const found = (await core.store.accounts.findAgent(id))?.agent;
    if (!found) throw new Error(`no agent ${id}`);
    return found;
  };
  const push = async (agentId: string, body: MutationBody) => (await applyPush(core, await agent(agentId), `${agentId}-desk`, [{ mutationId: ++mutationId, body }])).rejections;
  const mergeBody = (sourceCustomerId: string, targetCustomerId: string): MutationBody => ({ kind: 'customer.merge', sourceCustomerId, targetCustomerId });
  const head = () => core.store.events.headSeq('acme');
  const eventsAfter = async (seq: number) => core.store.events.range('acme', seq, await head());
  const identities = (customerId: string) => core.store.customers.listIdentities('acme', customerId);
  const customerOf = async (conversationId: string) => (await core.store.conversations.findConversation('acme', conversationId))?.customerId;

  it('moves the source into the target, logs it where either was seen, and an unmerge puts back exactly what moved', async () => {
    const before = await head();
    const kimBefore = await identities('cust');
    const lineBefore = await identities('kim-line');
    expect(await push('ann', mergeBody('kim-line', 'cust'))).toEqual([]);
    expect(await customerOf('c-line')).toBe('cust');
    // The source's number was only said: the target's proven one stays; the email was proven by the source, so it is now for the target.
    expect(await identities('cust')).toEqual([LINE, WA, identity('phone', P, true), identity('email', E, true)]);
    expect(await identities('kim-line')).toEqual([]);
    expect(await core.store.customers.listSuggestions('acme', 'cust')).toEqual([]);

    const merged = await eventsAfter(before);
    expect(merged.map((e) => [e.data.type, e.conversationId])).toEqual([['conversation.upserted', 'c-line'], ['customer.merged', 'c-kim'], ['customer.merged', 'c-line']]);
    expect(merged[0]?.data).toMatchObject({ conversation: { id: 'c-line', customerId: 'cust', customerName: 'Kim' } });
    const [, told] = merged;
    if (told?.data.type !== 'customer.merged') throw new Error('expected the merge');
    expect(told.data.merge).toEqual({ id: expect.any(String), sourceCustomerId: 'kim-line', sourceName: 'Kim Weber', targetCustomerId: 'cust', at: 9000, byName: 'Ann', conversationIds: ['c-line'] });
    expect(told.data.customer).toMatchObject({ id: 'cust', identities: await identities('cust'), suggestions: [], merges: [told.data.merge] });
    for (const [who, sees] of [['ann', true], ['sue', true], ['root', true], ['bob', false], ['cid', false]] as const) {
      expect(merged.every((event) => canSee(viewerOf(viewerNamed(who)), event)), who).toBe(sees);
    }

    const unmergedFrom = await head();
    expect(await push('ann', { kind: 'customer.unmerge', mergeId: told.data.merge.id })).toEqual([]);
    expect([await customerOf('c-line'), await identities('cust'), await identities('kim-line')]).toEqual(['kim-line', kimBefore, lineBefore]);
    expect((await core.store.customers.listSuggestions('acme', 'cust')).map((s) => s.id)).toEqual(['s1']);
    const unmerged = await eventsAfter(unmergedFrom);
    expect(unmerged.map((e) => [e.data.type, e.conversationId])).toEqual([['conversation.upserted', 'c-line'], ['customer.unmerged', 'c-line'], ['customer.unmerged', 'c-kim']]);
    expect(unmerged[1]?.data).toMatchObject({ mergeId: told.data.merge.id, source: { id: 'kim-line', identities: lineBefore, merges: [] }, target: { id: 'cust', identities: kimBefore, merges: [] } });
    expect(await push('ann', { kind: 'customer.unmerge', mergeId: told.data.merge.id })).toEqual([{ mutationId, code: 'conflict', message: 'This merge was undone already.' }]);
  });

  it('refuses whoever cannot see a conversation of each customer, as if the customer did not exist, and writes nothing', async () => {
    const before = await head();
    const refusal = { mutationId: expect.any(Number), code: 'not_found', message: 'This customer is not among the ones you can see.' };
    expect(await push('cid', mergeBody('yui', 'cust'))).toEqual([refusal]);
    expect(await push('cid', mergeBody('yui', 'nobody'))).toEqual([refusal]);
    // Bob is in team A, but c-kim and c-line are Ann's; Sue supervises team A, not team B.
    expect(await push('bob', mergeBody('kim-line', 'cust'))).toEqual([refusal]);
    expect(await push('sue', mergeBody('yui', 'cust'))).toEqual([refusal]);
    expect(await eventsAfter(before)).toEqual([]);
    expect(await customerOf('c-yui')).toBe('yui');
    expect(await push('root', mergeBody('yui', 'cust'))).toEqual([]);
    expect(await customerOf('c-yui')).toBe('cust');
  });

  it('lets a supervisor of their team merge, refuses an unmerge to whoever cannot see the target, and a merged-away customer cannot be merged again', async () => {
    expect(await push('sue', mergeBody('kim-line', 'cust'))).toEqual([]);
    const [merge] = await core.store.customers.listMergesInto('acme', 'cust');
    const unknown = { mutationId: expect.any(Number), code: 'not_found', message: 'This merge is not among the ones you can see.' };
    expect(await push('cid', { kind: 'customer.unmerge', mergeId: merge?.id ?? '' })).toEqual([unknown]);
    expect(await push('cid', { kind: 'customer.unmerge', mergeId: 'no-such-merge' })).toEqual([unknown]);
    expect(await push('root', mergeBody('kim-line', 'yui'))).toEqual([{ mutationId, code: 'not_found', message: expect.any(String) }]);
    expect(await push('ann', { kind: 'customer.unmerge', mergeId: merge?.id ?? '' })).toEqual([]);
  });

  it('erases a merged customer whole, whichever of the two the request names', async () => {
    await push('ann', mergeBody('kim-line', 'cust'));
    const erased = await eraseCustomer(core, await agent('root'), 'kim-line');
    expect(erased.conversationIds.sort()).toEqual(['c-kim', 'c-line']);
    expect([await identities('cust'), await identities('kim-line'), await core.store.customers.findCustomer('acme', 'cust'), await core.store.customers.findCustomer('acme', 'kim-line')]).toEqual([[], [], null, null]);
    expect(await customerOf('c-yui')).toBe('yui');
  });

  /** Agents by id, as `canSee` needs them (found once per test through the store). */
  const viewers = new Map<string, Agent>();
  beforeEach(async () => {
    for (const id of ['ann', 'bob', 'cid', 'sue', 'root']) viewers.set(id, await agent(id));
  });
  function viewerNamed(id: string): Agent {
    const found = viewers.get(id);
    if (!found) throw new Error(`no viewer ${id}`);
    return found;
  }
});
