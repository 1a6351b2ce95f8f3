import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../resources.js';
import type { RelayCore } from '../relay-core.js';
import { testCore } from '../testing/test-relay.js';
import { seedDemoCompany } from './seed.js';

describe('the demo company', () => {
  const now = Date.UTC(2026, 10, 20, 12, 0);
  let core: RelayCore;

  beforeAll(async () => {
    core = testCore(':memory:', () => now);
    await seedDemoCompany(core, resourcesDir());
  });
  afterAll(() => core.store.close());

  it('has the two teams and seven people of the demo, all available', async () => {
    const teams = await core.store.accounts.listTeams('demo');
    expect(teams.map((t) => [t.name, t.languages])).toEqual([
      ['Asia Pacific', ['zh', 'th', 'ja', 'id']],
      ['Europe & Americas', ['en', 'de', 'es', 'pt', 'ar']],
    ]);
    const people = await core.store.accounts.listTenantAgents('demo');
    expect(people.map((p) => p.agent.email).sort()).toEqual(
      ['admin@demo.test', 'hans@demo.test', 'lucia@demo.test', 'mei@demo.test', 'olivia@demo.test', 'sam@demo.test', 'somchai@demo.test'],
    );
    expect(people.every((p) => p.chosenPresence === 'available')).toBe(true);
    const sam = people.find((p) => p.agent.email === 'sam@demo.test');
    expect(sam?.agent).toMatchObject({ role: 'supervisor', teamIds: teams.map((t) => t.id) });
  });

  it('logs its history as events, in time order, with contiguous seqs', async () => {
    const events = await core.store.events.range('demo', 0, 10_000);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.every((e, i) => i === 0 || e.at >= (events[i - 1]?.at ?? 0))).toBe(true);
    expect(events.every((e) => e.at <= now && e.at > now - 7 * 24 * 3600_000)).toBe(true);
  });

  it('holds a dozen and more conversations across languages, channels and statuses, several for Mei', async () => {
    const latest = new Map<string, { assigneeId: string | null; status: string; channel: string; language: string }>();
    for (const event of await core.store.events.range('demo', 0, 10_000)) {
      if (event.data.type === 'conversation.upserted') latest.set(event.data.conversation.id, event.data.conversation);
    }
    const conversations = [...latest.values()];
    expect(conversations.length).toBeGreaterThanOrEqual(12);
    expect(new Set(conversations.map((c) => c.language.split('-')[0])).size).toBeGreaterThanOrEqual(8);
    expect(new Set(conversations.map((c) => c.channel)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(conversations.map((c) => c.status))).toEqual(new Set(['open', 'pending', 'resolved']));
    expect(conversations.filter((c) => c.assigneeId === 'agent-mei').length).toBeGreaterThanOrEqual(3);
    expect(conversations.some((c) => c.assigneeId === null)).toBe(true);
  });
});
