import { beforeEach, expect, it } from 'vitest';
import { describeStorage } from './adapters.js';
import { conversationOf, seedTenants } from './fixtures.js';

describeStorage('accounts', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it('keeps tenants, oldest first, and counts them', async () => {
    const { accounts } = storage();
    expect(await accounts.listTenants()).toEqual([{ id: 'acme', name: 'Acme' }, { id: 'globex', name: 'Globex' }]);
    expect(await accounts.countTenants()).toBe(2);
    expect(await accounts.findTenant('globex')).toEqual({ id: 'globex', name: 'Globex' });
    expect(await accounts.findTenant('nobody')).toBeNull();
    await expect(storage().transaction((tx) => tx.accounts.insertTenant({ id: 'acme', name: 'Again' }, 3))).rejects.toThrow();
  });

  it('keeps the offer timeout per tenant, null by default', async () => {
    const { accounts } = storage();
    expect(await accounts.offerTimeoutMs('acme')).toBeNull();
    await accounts.setOfferTimeoutMs('acme', 30_000);
    expect(await accounts.offerTimeoutMs('acme')).toBe(30_000);
    expect(await accounts.offerTimeoutMs('globex')).toBeNull();
    expect(await accounts.offerTimeoutMs('nobody')).toBeNull();
  });

  it('keeps the masking policy per tenant, null until chosen, and is kept for that tenant only', async () => {
    const { accounts } = storage();
    expect(await accounts.maskingPolicy('acme')).toBeNull();
    const policy = { agent: ['card', 'phone'] as const, supervisor: ['card'] as const, admin: ['card'] as const };
    await storage().transaction((tx) => tx.accounts.setMaskingPolicy('acme', { agent: [...policy.agent], supervisor: [...policy.supervisor], admin: [...policy.admin] }));
    expect(await accounts.maskingPolicy('acme')).toEqual(policy);
    expect(await accounts.maskingPolicy('globex')).toBeNull();
    expect(await accounts.maskingPolicy('nobody')).toBeNull();
  });

  it('lists teams in routing order, with their hours and overflow', async () => {
    const { accounts } = storage();
    const schedule = { timeZone: 'Europe/Berlin', hours: { mon: [{ start: '09:00', end: '17:00' }] }, holidayMarkets: ['DE'] };
    await accounts.setTeamSchedule('team-b', schedule, 'team-a');
    expect(await accounts.listTeams('acme')).toEqual([
      { id: 'team-a', name: 'Team A', languages: ['en', 'de'], schedule: null, overflowTeamId: null },
      { id: 'team-b', name: 'Team B', languages: ['ja'], schedule, overflowTeamId: 'team-a' },
    ]);
    expect(await accounts.teamExists('globex-team')).toBe(true);
    expect(await accounts.teamExists('team-z')).toBe(false);
  });

  it('finds agents by id and by email (without case, across tenants), their teams in routing order', async () => {
    const { accounts } = storage();
    const ann = await accounts.findAgent('ann');
    expect(ann).toEqual({
      agent: { id: 'ann', tenantId: 'acme', email: 'ann@acme.test', name: 'ANN', role: 'agent', language: 'en', teamIds: ['team-a', 'team-b'] },
      passwordHash: 'hash-ann',
      chosenPresence: 'available',
      presenceReason: null,
      presenceUntil: null,
      lastAssignedAt: 0,
    });
    expect(await accounts.findAgent('nobody')).toBeNull();
    expect((await accounts.findAgentsByEmail('  ANN@Acme.TEST ')).map((a) => a.agent.id)).toEqual(['ann', 'gil']);
    expect((await accounts.listTenantAgents('acme')).map((a) => a.agent.id)).toEqual(['Bea', 'al', 'ann', 'cid', 'root', 'sue']);
    expect((await accounts.findAgent('root'))?.agent.teamIds).toEqual([]);
  });

  it("lists a team's routable agents: agents only, of that team and tenant, in id order", async () => {
    const { accounts } = storage();
    await accounts.setChosenPresence('al', 'away');
    await accounts.markAssigned('ann', 42);
    await accounts.setRouting('Bea', { skills: ['billing'] });
    expect(await accounts.listRoutable('acme', 'team-a')).toEqual([
      { agentId: 'Bea', chosenPresence: 'available', lastAssignedAt: 0, language: 'en', routing: await accounts.routingOf('Bea') },
      { agentId: 'al', chosenPresence: 'away', lastAssignedAt: 0, language: 'en', routing: null },
      { agentId: 'ann', chosenPresence: 'available', lastAssignedAt: 42, language: 'en', routing: null },
    ]);
    expect((await accounts.listRoutable('acme', 'team-b')).map((a) => a.agentId)).toEqual(['ann', 'cid']);
    expect(await accounts.listRoutable('acme', 'globex-team')).toEqual([]);
    expect(await accounts.routingOf('ann')).toBeNull();
  });

  it('lists the routable agents of several teams in one query, by team then agent id, as listRoutable does each', async () => {
    const { accounts } = storage();
    await accounts.setChosenPresence('al', 'away');
    await accounts.setRouting('Bea', { skills: ['billing'] });
    const both = await accounts.listRoutableOfTeams('acme', ['team-b', 'team-a', 'globex-team']);
    const each = async (teamId: string) => (await accounts.listRoutable('acme', teamId)).map((agent) => ({ ...agent, teamId }));
    expect(both).toEqual([...(await each('team-a')), ...(await each('team-b'))]);
    expect(both.map((a) => `${a.teamId}:${a.agentId}`)).toEqual(['team-a:Bea', 'team-a:al', 'team-a:ann', 'team-b:ann', 'team-b:cid']);
    expect(await accounts.listRoutableOfTeams('acme', [])).toEqual([]);
  });

  it("lists every agent's chosen presence as the whole accounts would, with reasons for away and ends for after-call work only", async () => {
    const { accounts } = storage();
    await accounts.setChosenPresence('sue', 'away', { reason: 'meeting' });
    await accounts.setChosenPresence('ann', 'after-call-work', { reason: 'lunch', until: 5000 });
    const whole = (await accounts.listTenantAgents('acme')).map((a) => ({ agentId: a.agent.id, chosenPresence: a.chosenPresence, presenceReason: a.presenceReason, presenceUntil: a.presenceUntil }));
    expect(await accounts.listChosenPresences('acme')).toEqual(whole);
    expect(whole.find((p) => p.agentId === 'sue')).toMatchObject({ chosenPresence: 'away', presenceReason: 'meeting', presenceUntil: null });
    expect(whole.find((p) => p.agentId === 'ann')).toMatchObject({ chosenPresence: 'after-call-work', presenceReason: null, presenceUntil: 5000 });
    expect(await accounts.listStatesEnded(4999)).toEqual([]);
    expect(await accounts.listStatesEnded(5000)).toEqual(['ann']);
    expect(await accounts.listChosenPresences('globex')).toEqual([{ agentId: 'gil', chosenPresence: 'available', presenceReason: null, presenceUntil: null }]);
  });

  it("replaces an agent's teams", async () => {
    const { accounts } = storage();
    await storage().transaction((tx) => tx.accounts.setAgentTeams('cid', ['team-b', 'team-a']), { tenantId: 'acme' });
    expect((await accounts.findAgent('cid'))?.agent.teamIds).toEqual(['team-a', 'team-b']);
    expect((await accounts.listRoutable('acme', 'team-a')).map((a) => a.agentId)).toContain('cid');
  });

  it('counts the open conversations an agent holds or is offered, per kind of work', async () => {
    await storage().transaction(async ({ conversations }) => {
      await conversations.insertConversation('acme', conversationOf('c1', { assigneeId: 'ann' }));
      await conversations.insertConversation('acme', conversationOf('c2', { assigneeId: 'ann', channel: 'voice' }));
      await conversations.insertConversation('acme', conversationOf('c3', { offer: { agentId: 'ann', expiresAt: 9 } }));
      await conversations.insertConversation('acme', conversationOf('c4', { assigneeId: 'ann', status: 'resolved' }));
      await conversations.insertConversation('acme', conversationOf('c5', { assigneeId: 'al', channel: 'email' }));
    });
    expect(await storage().accounts.openLoadByKind('ann')).toEqual({ call: 1, chat: 2, email: 0 });
    expect(await storage().accounts.openLoadByKind('al')).toEqual({ call: 0, chat: 0, email: 1 });
  });

  it('counts the loads of several agents in one query, as openLoadByKind does each', async () => {
    await storage().transaction(async ({ conversations }) => {
      await conversations.insertConversation('acme', conversationOf('c1', { assigneeId: 'ann' }));
      await conversations.insertConversation('acme', conversationOf('c2', { assigneeId: 'ann', channel: 'voice' }));
      // Held by one and offered to another: counts for both, and once for an agent who is both.
      await conversations.insertConversation('acme', conversationOf('c3', { assigneeId: 'al', offer: { agentId: 'ann', expiresAt: 9 } }));
      await conversations.insertConversation('acme', conversationOf('c4', { assigneeId: 'Bea', offer: { agentId: 'Bea', expiresAt: 9 } }));
      await conversations.insertConversation('acme', conversationOf('c5', { assigneeId: 'ann', status: 'resolved' }));
      await conversations.insertConversation('acme', conversationOf('c6', { assigneeId: 'al', channel: 'email' }));
    });
    const { accounts } = storage();
    const loads = await accounts.openLoadsByKind(['ann', 'al', 'Bea', 'cid']);
    expect(Object.fromEntries(loads)).toEqual({
      ann: { call: 1, chat: 2, email: 0 },
      al: { call: 0, chat: 1, email: 1 },
      Bea: { call: 0, chat: 1, email: 0 },
      cid: { call: 0, chat: 0, email: 0 },
    });
    for (const [agentId, load] of loads) expect(await accounts.openLoadByKind(agentId)).toEqual(load);
    expect(await accounts.openLoadsByKind([])).toEqual(new Map());
  });

  it('keeps sign-in tokens until deleted or expired', async () => {
    const { accounts } = storage();
    await accounts.insertToken('h1', 'ann', 10, 100);
    await accounts.insertToken('h2', 'al', 10, 200);
    expect(await accounts.findToken('h1')).toEqual({ agentId: 'ann', expiresAt: 100, scope: 'full' });
    expect(await accounts.deleteToken('h1')).toBe(true);
    expect(await accounts.deleteToken('h1')).toBe(false);
    await accounts.deleteExpiredTokens(200);
    expect(await accounts.findToken('h2')).toBeNull();
  });
});
