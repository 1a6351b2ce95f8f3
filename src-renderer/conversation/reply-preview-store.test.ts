import { describe, expect, it } from 'vitest';
import type { TranslationOutcome } from '../../src-shared/api/contract.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost } from '../state/fake-bridge.js';
import { createReplyPreviewStore } from './reply-preview-store.js';

const translated = (body: string): TranslationOutcome => ({ translation: { body, from: 'en', to: 'es', model: 'opus-mt-en-es' }, unavailable: null, detail: null });
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

function setUp() {
  const host = createFakeHost();
  host.answer('translation.preview', ({ text }) => ({ ok: true, value: translated(`ES(${text})`) }));
  const store = createReplyPreviewStore(createApiClient(host.bridge), 5);
  return { host, store };
}

describe('reply preview', () => {
  it('translates the draft once typing pauses, not at every key', async () => {
    const { host, store } = setUp();
    store.getState().draftChanged('c1', 'Hel');
    store.getState().draftChanged('c1', 'Hello');
    await settle();
    expect(host.callsOf('translation.preview')).toEqual([{ conversationId: 'c1', text: 'Hello' }]);
    expect(store.getState()).toMatchObject({ status: 'ready', body: 'ES(Hello)', source: 'Hello', edited: false });
  });

  it('sends the preview as corrected by the agent when it is of the same draft', async () => {
    const { host, store } = setUp();
    store.getState().draftChanged('c1', 'Hello');
    await settle();
    store.getState().edit('Hola, corregido');
    const final = await store.getState().finalFor('c1', 'Hello');
    expect(final.body).toBe('Hola, corregido');
    expect(host.callsOf('translation.preview')).toHaveLength(1);
  });

  it('translates at once when sending a draft the preview has not caught up with', async () => {
    const { store } = setUp();
    store.getState().draftChanged('c1', 'Hello');
    const final = await store.getState().finalFor('c1', 'Hello again');
    expect(final.body).toBe('ES(Hello again)');
  });

  it('says when there is no model, and drops answers for a draft that changed', async () => {
    const { host, store } = setUp();
    let release: () => void = () => {};
    host.answer('translation.preview', ({ text }) =>
      text === 'slow'
        ? new Promise((resolve) => (release = () => resolve({ ok: true, value: translated('stale') })))
        : { ok: true, value: { translation: null, unavailable: 'no-model', detail: 'No translation model for en → th is installed.' } },
    );
    store.getState().draftChanged('c1', 'slow');
    await settle();
    store.getState().draftChanged('c1', 'fast');
    await settle();
    release();
    await settle();
    expect(store.getState()).toMatchObject({ status: 'unavailable', source: 'fast', outcome: { unavailable: 'no-model' } });
  });
});
