import { Notification, type BrowserWindow } from 'electron';
import type { Notice } from '../../src-shared/api/contract.js';
import type { Presence } from '../../src-shared/domain/model.js';
import type { ApiEvents } from '../core/api-events.js';
import type { ApiEventSource, ApiHandlers, ApiRouter } from '../core/api-router.js';
import { alertDecision, type AlertKind } from '../desktop/alert-policy.js';
import type { DeskText } from '../desktop/desk-text.js';
import { alertActionLabel, callAlert, createMentionAlerts, createNewItemFilter, mentionAlert, mentionReplyNote, offerAlert, type DeskAlert } from '../desktop/desk-alerts.js';
import { bringForward } from './window.js';

export interface DeskNotificationsOptions {
  window: BrowserWindow;
  /** The core's events. */
  core: ApiEventSource;
  /** The shell's events to the renderer: open a conversation, answer the call. */
  shell: ApiEvents;
  /** The core's handlers, for what the shell reads. */
  handlers: ApiHandlers;
  /** The checked door, for what the agent typed into a notification. */
  router: ApiRouter;
  /** The interface language's words, read as each notification is shown. */
  text: DeskText;
  log: (message: string, error?: unknown) => void;
}

/**
 * Ringing calls, offered conversations and colleagues' @mentions pop up on the desktop, as the
 * agent's presence allows (alert-policy.ts). Buttons and inline replies where the OS has them
 * (macOS); everywhere a click opens the right place.
 */
export interface DeskNotifications {
  /** The softphone has no call any more: a ringing call's notification, which stays until then, goes. */
  callsOver(): void;
}

export async function startDeskNotifications({ window, core, shell, handlers, router, text, log }: DeskNotificationsOptions): Promise<DeskNotifications> {
  const calls = new Set<Notification>();
  const notifications = {
    callsOver() {
      for (const notification of calls) notification.close();
      calls.clear();
    },
  };
  if (!Notification.isSupported()) return notifications;
  let presence: Presence = await handlers['session.get']({}).then(
    (current) => current.presence,
    () => 'offline' as const,
  );
  core.on('presence.changed', (changed) => {
    presence = changed.presence;
  });
  core.on('session.changed', ({ agent }) => {
    if (!agent) presence = 'offline';
  });
  // Notifications must be kept referenced, or their click handlers go with the garbage collector.
  const shown = new Set<Notification>();

  const show = (kind: AlertKind, alert: DeskAlert, onReply?: (reply: string) => void) => {
    const decision = alertDecision(kind, presence);
    if (!decision.show) return;
    const notification = new Notification({
      title: alert.title,
      body: alert.body,
      urgency: decision.urgent ? 'critical' : 'normal',
      timeoutType: kind === 'call' ? 'never' : 'default',
      actions: alert.actions.map((action) => ({ type: 'button' as const, text: alertActionLabel(action, text.t) })),
      hasReply: alert.reply !== null && onReply !== undefined,
      replyPlaceholder: alert.reply ?? undefined,
    });
    const open = () => {
      bringForward(window);
      if (alert.onClick.open === 'conversation') shell.emit('desktop.openConversation', { conversationId: alert.onClick.conversationId });
    };
    notification.on('click', open);
    notification.on('action', (_event, index) => {
      const action = alert.actions[index];
      if (action === 'accept-call') {
        bringForward(window);
        shell.emit('desktop.answerCall', {});
      } else if (action === 'open-conversation') open();
    });
    if (onReply) notification.on('reply', (_event, reply) => onReply(reply));
    notification.on('close', () => {
      shown.delete(notification);
      calls.delete(notification);
    });
    shown.add(notification);
    if (kind === 'call') calls.add(notification);
    notification.show();
  };

  const replyToMention = (notice: Notice) => async (reply: string) => {
    const colleagues = await handlers['colleagues.list']({}).then(
      (directory) => directory.colleagues,
      () => [],
    );
    const note = mentionReplyNote(notice, reply, colleagues);
    if (!note) return;
    const sent = await router.handle('notes.add', note);
    if (!sent.ok) log(`The reply to ${notice.otherAgentName ?? 'a colleague'} could not be kept: ${sent.error.message}`);
  };

  const kept = await handlers['notices.list']({}).then(
    (list) => list.notices,
    () => [],
  );
  const onNotices = createMentionAlerts(kept, (notice) => show('mention', mentionAlert(notice, text.t), (reply) => void replyToMention(notice)(reply)));
  core.on('notices.changed', ({ notices }) => onNotices(notices));

  core.on('calls.ringing', (call) => show('call', callAlert(call, text.t)));

  const offered = await handlers['work.waiting']({}).then(
    (work) => work.offers,
    () => [],
  );
  const onOffers = createNewItemFilter(offered, (offer) => offer.conversationId, (offer) => show('offer', offerAlert(offer, text.t)));
  core.on('work.changed', ({ offers }) => onOffers(offers));
  return notifications;
}
