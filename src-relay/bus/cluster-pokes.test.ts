import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { natsAvailable, TEST_NATS_URL } from '../../tests/support/nats.js';
import { waitFor } from '../../tests/support/wait.js';
import { encodePoke, pokeSubject } from './poke.js';
import { PokeNodes } from './testing/poke-nodes.js';

const natsUp = await natsAvailable();

describe.skipIf(!natsUp)('cluster pokes over NATS', () => {
  let nodes: PokeNodes;
  beforeEach(() => {
    nodes = new PokeNodes(TEST_NATS_URL);
  });
  afterEach(async () => {
    await nodes.close();
  });

  it("tells every other node a tenant's new head, and never the node that committed", async () => {
    const [a, b, c] = await Promise.all([nodes.start(), nodes.start(), nodes.start()]);
    await nodes.connected(a, b, c);

    a.pokes.poke('acme', 3);
    b.pokes.poke('globex', 8);
    await waitFor('b and c hear acme', () => b.headsOf('acme').length > 0 && c.headsOf('acme').length > 0);
    await waitFor('a and c hear globex', () => a.headsOf('globex').length > 0 && c.headsOf('globex').length > 0);

    expect(a.calls).toEqual([['globex', 8]]);
    expect(b.calls).toEqual([['acme', 3]]);
    expect(c.calls).toEqual(expect.arrayContaining([['acme', 3], ['globex', 8]]));
    expect(c.calls).toHaveLength(2);
    expect(a.pokes.stats()).toMatchObject({ sent: 1, unsent: 0, received: 1, malformed: 0 });
    expect([a, b, c].flatMap((node) => node.errors)).toEqual([]);
  });

  it('ignores a poke carrying its own node id, even from another connection', async () => {
    const a = await nodes.start();
    await nodes.connected(a);
    const publisher = await nodes.publisher();
    publisher.publish(pokeSubject(nodes.prefix, 'acme'), encodePoke({ tenant: 'acme', head: 4, node: a.pokes.nodeId }));
    publisher.publish(pokeSubject(nodes.prefix, 'sentinel'), encodePoke({ tenant: 'sentinel', head: 1, node: 'other' }));
    await waitFor('the sentinel', () => a.headsOf('sentinel').length > 0);
    expect(a.calls).toEqual([['sentinel', 1]]);
  });

  it('calls once per new head when pokes come twice or out of order', async () => {
    const a = await nodes.start({ baseline: { acme: 2 } });
    await nodes.connected(a);
    const publisher = await nodes.publisher();
    const send = (tenant: string, head: number, node: string) => publisher.publish(pokeSubject(nodes.prefix, tenant), encodePoke({ tenant, head, node }));

    for (const [head, node] of [[5, 'b'], [2, 'c'], [3, 'c'], [5, 'c'], [7, 'b'], [7, 'b'], [6, 'c']] as const) send('acme', head, node);
    send('sentinel', 1, 'b');
    await waitFor('the sentinel', () => a.headsOf('sentinel').length > 0);
    expect(a.headsOf('acme')).toEqual([5, 7]);

    a.pokes.noteFannedOut('acme', 9);
    send('acme', 8, 'b');
    send('acme', 9, 'c');
    send('acme', 10, 'b');
    await waitFor('acme 10', () => a.headsOf('acme').includes(10));
    expect(a.headsOf('acme')).toEqual([5, 7, 10]);
    expect(a.pokes.stats().received).toBe(11);
  });

  it('drops and counts malformed pokes, and keeps going', async () => {
    const a = await nodes.start();
    await nodes.connected(a);
    const publisher = await nodes.publisher();
    const subject = pokeSubject(nodes.prefix, 'acme');
    const malformed = [
      'not json',
      '{"tenant":"acme","head":"7","node":"b"}',
      '{"tenant":"acme","head":-1,"node":"b"}',
      '{"tenant":"acme","node":"b"}',
      'x'.repeat(5_000),
      new Uint8Array([0xff, 0xfe, 0x00]),
    ];
    for (const payload of malformed) publisher.publish(subject, payload);
    // A valid poke on the wrong tenant's subject.
    publisher.publish(pokeSubject(nodes.prefix, 'globex'), encodePoke({ tenant: 'acme', head: 7, node: 'b' }));
    publisher.publish(subject, encodePoke({ tenant: 'acme', head: 7, node: 'b' }));

    await waitFor('the valid poke', () => a.headsOf('acme').length > 0);
    expect(a.calls).toEqual([['acme', 7]]);
    expect(a.pokes.stats()).toMatchObject({ malformed: malformed.length + 1, received: 1 });
    expect(a.errors).toEqual([]);
  });

  it('finds by polling a head that no poke announced, and not what was there before it started', async () => {
    const a = await nodes.start({ baseline: { acme: 4, globex: 1 }, pollIntervalMs: 100 });
    a.heads.set('acme', 6);
    a.heads.set('initech', 2);
    await waitFor('the polled heads', () => a.calls.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.calls).toEqual(expect.arrayContaining([['acme', 6], ['initech', 2]]));
    expect(a.calls).toHaveLength(2);
    expect(a.pokes.stats().caughtByPoller).toBe(2);
  });

  it('retries by polling a fan-out that failed', async () => {
    let failures = 1;
    const a = await nodes.start({
      pollIntervalMs: 100,
      onRemoteHead: () => {
        if (failures-- > 0) throw new Error('storage unreachable');
      },
    });
    await nodes.connected(a);
    const publisher = await nodes.publisher();
    publisher.publish(pokeSubject(nodes.prefix, 'acme'), encodePoke({ tenant: 'acme', head: 3, node: 'b' }));
    await waitFor('the failed fan-out', () => a.errors.length === 1);
    a.heads.set('acme', 3);
    await waitFor('the retried fan-out', () => a.pokes.stats().caughtByPoller === 1);
    expect(a.pokes.stats().failures).toBe(1);
    expect(failures).toBe(-1);
  });
});
