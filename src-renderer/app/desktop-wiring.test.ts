import { describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import { tellShellTheLanguage } from './desktop-wiring.js';
import { createStores } from './stores.js';
import type { CallView } from '../softphone/softphone-store.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost, makeAgent, makeConversation, makeMessage, settle } from '../state/fake-bridge.js';
import { INITIAL_CONNECTION } from '../state/session-store.js';

function setup(signedIn: boolean) {
  const host = createFakeHost();
  let agent = signedIn ? makeAgent() : null;
  host.answer('session.get', () => ({ ok: true, value: { agent, presence: 'available', connection: INITIAL_CONNECTION } }));
  host.answer('conversations.list', () => ({ ok: true, value: { items: [makeConversation('c1')], nextCursor: null }}));
  host.answer('conversations.get', ({ conversationId }) => ({ ok: true, value: { conversation: makeConversation(conversationId), messages: [makeMessage('m1', conversationId)], olderCursor: null } }));
  host.answer('desktop.callState', () => ({ ok: true, value: {} }));
  host.answer('desktop.restartToUpdate', () => ({ ok: true, value: {} }));
  host.answer('desktop.postponeUpdate', () => ({ ok: true, value: {} }));
  const { stores } = createStores(createApiClient(host.bridge, () => {}));
  return { host, stores, signIn: () => (agent = makeAgent()) };
}

const call = (state: CallView['state']): CallView => ({
  id: 'call-1', provider: 'webrtc', direction: 'inbound', remote: 'Nok', address: null, conversationId: null, state,
  muted: false, held: false, startedAt: 1, answeredAt: null, transferredBy: null, transferring: false,
});

describe('the desktop shell and the desk', () => {
  it('opens the conversation a link or a notification names', async () => {
    const { host, stores } = setup(true);
    await stores.session.getState().load();
    host.emit('desktop.openConversation', { conversationId: 'c7' });
    await settle();
    expect(stores.inbox.getState().selectedId).toBe('c7');
    expect(stores.conversation.getState().conversation?.id).toBe('c7');
  });

  it('holds a link that came before sign-in and opens it once the agent is known', async () => {
    const { host, stores, signIn } = setup(false);
    await stores.session.getState().load();
    host.emit('desktop.openConversation', { conversationId: 'c9' });
    await settle();
    expect(stores.inbox.getState().selectedId).toBeNull();
    signIn();
    await stores.session.getState().load();
    await settle();
    expect(stores.inbox.getState().selectedId).toBe('c9');
  });

  it('drops an event whose id the contract refuses', async () => {
    const { host, stores } = setup(true);
    await stores.session.getState().load();
    host.emit('desktop.openConversation', { conversationId: '' });
    await settle();
    expect(stores.inbox.getState().selectedId).toBeNull();
  });

  it('answers only a ringing call from the notification', async () => {
    const { host, stores } = setup(true);
    const answer = vi.fn(async () => {});
    stores.softphone.setState({ answer, current: call('connected') });
    host.emit('desktop.answerCall', {});
    stores.softphone.setState({ current: call('ringing') });
    host.emit('desktop.answerCall', {});
    expect(answer).toHaveBeenCalledTimes(1);
  });

  it('tells the shell when a call starts and ends, once each', async () => {
    const { host, stores } = setup(true);
    stores.softphone.setState({ current: call('ringing') });
    stores.softphone.setState({ current: call('connected') });
    stores.softphone.setState({ current: call('ended') });
    stores.softphone.setState({ current: null });
    await settle();
    expect(host.callsOf('desktop.callState')).toEqual([{ inCall: true }, { inCall: false }]);
  });

  it('offers the restart the shell announces, and passes on the agent’s choice', async () => {
    const { host, stores } = setup(true);
    host.emit('desktop.updateReady', { version: '1.4.0' });
    expect(stores.desktop.getState().update).toEqual({ version: '1.4.0' });
    await stores.desktop.getState().restartNow();
    expect(host.callsOf('desktop.restartToUpdate')).toHaveLength(1);
    await stores.desktop.getState().later();
    expect(stores.desktop.getState().update).toBeNull();
    expect(host.callsOf('desktop.postponeUpdate')).toHaveLength(1);
    host.emit('desktop.updateReady', { version: '1.4.0' });
    host.emit('desktop.updateReady', { version: null });
    expect(stores.desktop.getState().update).toBeNull();
  });
});

describe('the shell and the interface language', () => {
  it('tells the shell the language the desk shows, then each switch, until unsubscribed', async () => {
    const host = createFakeHost();
    host.answer('desktop.interfaceLanguage', () => ({ ok: true, value: {} }));
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'th', fallbackLng: 'en', resources: { en: { translation: {} }, th: { translation: {} }, ar: { translation: {} } }, showSupportNotice: false });
    const stop = tellShellTheLanguage(createApiClient(host.bridge, () => {}), i18n);
    await i18n.changeLanguage('ar');
    // A tag with no catalogue is the renderer's business; the shell only hears languages it has.
    await i18n.changeLanguage('xx');
    stop();
    await i18n.changeLanguage('en');
    await settle();
    expect(host.callsOf('desktop.interfaceLanguage')).toEqual([{ language: 'th' }, { language: 'ar' }]);
  });
});
