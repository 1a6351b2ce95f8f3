import { describe, expect, it } from 'vitest';
import { checkSubjectPrefix, decodePoke, encodePoke, pokeSubject, tenantToken } from './poke.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('poke subjects', () => {
  it('keeps plain tenant ids readable and escapes everything a subject token may not hold', () => {
    expect(tenantToken('acme-eu2')).toBe('acme-eu2');
    expect(tenantToken('a.b')).toBe('a_2eb');
    expect(tenantToken('a*b >c')).toBe('a_2ab_20_3ec');
    expect(tenantToken('é')).toBe('_c3_a9');
  });

  it('maps distinct tenant ids to distinct tokens, even ids that look escaped', () => {
    const ids = ['a.b', 'a_2eb', 'a_b', 'a-b', 'a b', 'A.B', '_', '__'];
    expect(new Set(ids.map(tenantToken)).size).toBe(ids.length);
  });

  it('refuses a prefix with wildcards or empty tokens', () => {
    expect(checkSubjectPrefix('relay.eu')).toBe('relay.eu');
    for (const bad of ['', 'relay.', '.relay', 'relay.*', 'relay.>', 'a b']) expect(() => checkSubjectPrefix(bad)).toThrow();
  });
});

describe('decodePoke', () => {
  const poke = { tenant: 'acme.com', head: 42, node: 'n1' };
  const subject = pokeSubject('relay', poke.tenant);

  it('reads back what encodePoke wrote, ignoring fields a newer node may add', () => {
    expect(decodePoke('relay', subject, bytes(encodePoke(poke)))).toEqual(poke);
    expect(decodePoke('relay', subject, bytes(JSON.stringify({ ...poke, region: 'eu' })))).toEqual(poke);
  });

  it('drops what is not a poke', () => {
    const dropped = [
      'not json',
      '',
      'null',
      JSON.stringify({ ...poke, head: -1 }),
      JSON.stringify({ ...poke, head: 1.5 }),
      JSON.stringify({ ...poke, head: '42' }),
      JSON.stringify({ ...poke, tenant: '' }),
      JSON.stringify({ tenant: poke.tenant, head: 42 }),
      JSON.stringify({ ...poke, node: 'x'.repeat(2_000) }),
    ];
    for (const text of dropped) expect(decodePoke('relay', subject, bytes(text)), text).toBeNull();
  });

  it("drops a poke sent on another tenant's subject", () => {
    expect(decodePoke('relay', pokeSubject('relay', 'other'), bytes(encodePoke(poke)))).toBeNull();
  });
});
