import type { i18n } from 'i18next';
import { isInterfaceLanguage } from '../../src-shared/i18n/languages.js';
import type { ApiClient } from '../state/api-client.js';
import type { InboxStore } from '../state/inbox-store.js';
import type { SessionStore } from '../state/session-store.js';
import type { SoftphoneStore } from '../softphone/softphone-store.js';
import type { DesktopStore } from '../desktop/desktop-store.js';

export interface DesktopFollowers {
  session: SessionStore;
  inbox: InboxStore;
  softphone: SoftphoneStore;
  desktop: DesktopStore;
}

/**
 * What the desktop shell asks of the desk (open a conversation from a link or a notification,
 * answer the ringing call, offer a restart) and what it needs to know (a call in progress, so
 * that no update restarts the app mid-call). A link that comes before sign-in opens after it.
 * Returns the unsubscribers.
 */
export function followDesktop(client: ApiClient, { session, inbox, softphone, desktop }: DesktopFollowers): (() => void)[] {
  let waitingLink: string | null = null;
  const open = (conversationId: string) => {
    if (session.getState().agent) inbox.getState().select(conversationId);
    else waitingLink = conversationId;
  };
  let inCall = false;
  return [
    client.on('desktop.openConversation', ({ conversationId }) => open(conversationId)),
    client.on('desktop.answerCall', () => {
      if (softphone.getState().current?.state === 'ringing') void softphone.getState().answer();
    }),
    client.on('desktop.updateReady', ({ version }) => desktop.getState().applyUpdate(version, version !== null)),
    session.subscribe((state) => {
      if (!state.agent || waitingLink === null) return;
      const conversationId = waitingLink;
      waitingLink = null;
      inbox.getState().select(conversationId);
    }),
    softphone.subscribe((state) => {
      const now = state.current !== null && state.current.state !== 'ended';
      if (now === inCall) return;
      inCall = now;
      void client.call('desktop.callState', { inCall: now });
    }),
  ];
}

/**
 * The shell's tray, menus and notifications speak the language the desk shows, whether the agent
 * picked it or it came with the profile: told now, and on every switch. Returns the unsubscriber.
 */
export function tellShellTheLanguage(client: ApiClient, instance: Pick<i18n, 'language' | 'on' | 'off'>): () => void {
  const tell = (language: string) => {
    if (isInterfaceLanguage(language)) void client.call('desktop.interfaceLanguage', { language });
  };
  tell(instance.language);
  instance.on('languageChanged', tell);
  return () => instance.off('languageChanged', tell);
}
