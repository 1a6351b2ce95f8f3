import { describe, expect, it } from 'vitest';
import type { ReplyCheckHit } from '../../src-shared/reply-checks/reply-flags.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost } from '../state/fake-bridge.js';
import { createReplyChecksStore, holdsSending } from './reply-checks-store.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const hit = (ruleId: string, action: 'warn' | 'block'): ReplyCheckHit => ({ ruleId, action, description: 'why', part: 'draft', spans: [{ start: 0, end: 4 }] });

/** A stand-in core that flags "share" (warn) and "card" (block) in the draft. */
function setUp() {
  const host = createFakeHost();
  host.answer('replies.check', ({ draft }) => ({ ok: true, value: { hits: [...(draft.includes('share') ? [hit('share', 'warn')] : []), ...(draft.includes('card') ? [hit('card', 'block')] : [])] } }));
  return { host, store: createReplyChecksStore(createApiClient(host.bridge), 5) };
}

describe('reply checks while writing', () => {
  it('checks once typing pauses, the draft and the translation together', async () => {
    const { host, store } = setUp();
    store.getState().textChanged('c1', { draft: 'sha', translation: null });
    store.getState().textChanged('c1', { draft: 'share it', translation: { body: 'compartir', language: 'es' } });
    await settle();
    expect(host.callsOf('replies.check')).toEqual([{ conversationId: 'c1', draft: 'share it', translation: { body: 'compartir', language: 'es' } }]);
    expect(store.getState().hits.map((h) => h.ruleId)).toEqual(['share']);
  });

  it('remembers every rule shown for this reply, and forgets them when it is sent or another conversation opens', async () => {
    const { store } = setUp();
    store.getState().textChanged('c1', { draft: 'your card', translation: null });
    await settle();
    store.getState().textChanged('c1', { draft: 'share it', translation: null });
    await settle();
    store.getState().overrideWarnings();
    expect(store.getState().sendingChecks()).toEqual({ overrides: ['share'], shown: ['card', 'share'] });
    store.getState().textChanged('c2', { draft: 'hello', translation: null });
    expect(store.getState().sendingChecks()).toEqual({ overrides: [], shown: [] });
    store.getState().reset();
    expect(store.getState()).toMatchObject({ conversationId: null, hits: [], checked: null });
  });

  it('drops an answer a newer text made stale', async () => {
    const { store } = setUp();
    const first = store.getState().checkNow('c1', { draft: 'your card', translation: null });
    const second = store.getState().checkNow('c1', { draft: 'all fine', translation: null });
    await Promise.all([first, second]);
    expect(store.getState().checked?.draft).toBe('all fine');
    expect(store.getState().hits).toEqual([]);
  });

  it('holds sending for a block, and for a warning until it is overridden', () => {
    expect(holdsSending([hit('card', 'block')], ['card'])).toBe('block');
    expect(holdsSending([hit('share', 'warn')], [])).toBe('warn');
    expect(holdsSending([hit('share', 'warn')], ['share'])).toBeNull();
    expect(holdsSending([], [])).toBeNull();
  });
});
