import { describe, expect, it } from 'vitest';
import { CannedRepliesFile, fillTemplate, firstName, loadCannedReplies, matchReplies } from './canned-replies.js';

const shipped = loadCannedReplies(new URL('../../resources/kb/canned-replies.json', import.meta.url).pathname);

describe('canned replies', () => {
  it('ships at least twenty, in several languages', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(20);
    expect(new Set(shipped.map((r) => r.locale)).size).toBeGreaterThanOrEqual(4);
  });

  it('fill variables, and leave nothing of an unknown value behind', () => {
    const body = 'Hello {{customer.firstName}}, this is {{ agent.name }} about {{conversation.id}}.';
    expect(fillTemplate(body, { 'customer.firstName': 'Ana', 'agent.name': 'Olivia Grant', 'conversation.id': 'c-42' })).toBe(
      'Hello Ana, this is Olivia Grant about c-42.',
    );
    expect(fillTemplate('Dear {{customer.name}} {{conversation.market}}!', { 'customer.name': 'Klaus' })).toBe('Dear Klaus !');
  });

  it('take the first word of a spaced name, and a name without spaces whole', () => {
    expect(firstName('Ana Souza')).toBe('Ana');
    expect(firstName('นัทธยา ศรีสุข')).toBe('นัทธยา');
    expect(firstName('田中由紀')).toBe('田中由紀');
  });

  it("offer the agent's own language first, by shortcut prefix or title", () => {
    const found = matchReplies(shipped, 'ref', 'es');
    expect(found.map((r) => r.id)).toEqual(['refund-es', 'refund-de', 'refund-en', 'refund-zh']);
    expect(matchReplies(shipped, 'apology', 'en').map((r) => r.id)).toContain('delay-en');
  });

  it('refuse a template with a variable it cannot fill', () => {
    const bad = { replies: [{ id: 'x', shortcut: 'x', locale: 'en', title: 'X', body: 'Hi {{customer.email}}' }] };
    const result = CannedRepliesFile.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('unknown variable {{customer.email}}');
  });
});
