import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './frames.js';

describe('parseClientFrame', () => {
  it('reads the three client frames', () => {
    expect(parseClientFrame('{"type":"hello","token":"t","clientId":"c"}')).toEqual({ ok: true, frame: { type: 'hello', token: 't', clientId: 'c' } });
    expect(parseClientFrame('{"type":"hello","token":"t","clientId":"c","directoryVersion":"v1"}')).toEqual({ ok: true, frame: { type: 'hello', token: 't', clientId: 'c', directoryVersion: 'v1' } });
    expect(parseClientFrame('{"type":"pull","cursor":4,"limit":10}')).toEqual({ ok: true, frame: { type: 'pull', cursor: 4, limit: 10 } });
    const push = parseClientFrame('{"type":"push","mutations":[{"mutationId":1,"createdAt":5,"body":{"kind":"presence.set","presence":"away"}}]}');
    expect(push).toEqual({ ok: true, frame: { type: 'push', items: [{ mutationId: 1, body: { kind: 'presence.set', presence: 'away' } }] } });
  });

  it('keeps the good mutations of a push that holds a bad one', () => {
    const parsed = parseClientFrame(
      JSON.stringify({
        type: 'push',
        mutations: [
          { mutationId: 1, createdAt: 5, body: { kind: 'presence.set', presence: 'offline' } },
          { mutationId: 2, createdAt: 5, body: { kind: 'presence.set', presence: 'away' } },
        ],
      }),
    );
    if (!parsed.ok || parsed.frame.type !== 'push') throw new Error('expected a push');
    expect(parsed.frame.items[0]).toMatchObject({ mutationId: 1, body: null, problem: expect.stringMatching(/Invalid mutation/) });
    expect(parsed.frame.items[1]).toEqual({ mutationId: 2, body: { kind: 'presence.set', presence: 'away' } });
  });

  it('refuses what is not a frame, saying why', () => {
    expect(parseClientFrame('nope')).toEqual({ ok: false, message: 'A frame must be one JSON object.' });
    for (const text of ['{}', '{"type":"push","mutations":[]}', '{"type":"push","mutations":[{"mutationId":0}]}', '{"type":"pull","cursor":1.5}', 'null', '"hello"', `{"type":"hello","token":"t","clientId":"c","directoryVersion":"${'v'.repeat(129)}"}`, '{"type":"hello","token":"t","clientId":"c","directoryVersion":7}']) {
      const parsed = parseClientFrame(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^Invalid frame/);
    }
  });
});
