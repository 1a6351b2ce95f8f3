// The customer's web chat (/chat). No framework: it talks to the relay over /webchat, keeps the
// visitor token (and unsent messages) in localStorage, and parses every frame from the relay with
// the shared protocol before it shows anything.
import { z } from 'zod';
import { MESSAGE_BODY_MAX } from '../../src-shared/domain/model.js';
import { splitForSending } from '../../src-shared/domain/text.js';
import type { WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { createWebCall, isCallFrame, type WebCall } from '../call/web-call.js';
import { newId } from '../random-id.js';
import { findChatElements, type ChatElements } from './elements.js';
import { fileRefusal, uploadFile } from './chat-files.js';
import { wireAttach, wireComposer } from './composer.js';
import { browserLanguage, translatePage } from './locale.js';
import { RatingForm } from './rating.js';
import { RelaySocket } from './relay-socket.js';
import { SavedChat, type PendingMessage } from './saved-chat.js';
import { StatusLine } from './status.js';
import { chatText } from './strings.js';
import { Thread } from './thread.js';

// The page's CSP has no 'unsafe-eval': zod must not even probe for it (the probe logs a violation).
z.config({ jitless: true });

const params = new URLSearchParams(location.search);
const tenant = params.get('tenant') || undefined;
const language = browserLanguage();
const primary = (language.split('-')[0] ?? language).toLowerCase();
const text = chatText(primary);

document.addEventListener('DOMContentLoaded', () => startChatPage(findChatElements()));

function startChatPage(el: ChatElements): void {
  const saved = new SavedChat(`gsw-webchat:${tenant ?? ''}`);
  const status = new StatusLine(el, text);
  const thread = new Thread(el, text, language, (clientMessageId) => saved.confirm(clientMessageId), () => saved.visitorToken);
  /** The call button's controller, once the chat is ready. */
  let call: WebCall | null = null;

  const relay = new RelaySocket({
    hello: () => ({
      type: 'hello',
      name: saved.name ?? '',
      language,
      ...(tenant ? { tenant } : {}),
      ...(saved.visitorToken ? { visitorToken: saved.visitorToken } : {}),
      ...timeZone(),
    }),
    frame: receive,
    connecting: (state) => {
      status.connection(state);
      call?.reachable(false);
    },
    lost: () => call?.connectionLost(),
  });
  const rating = new RatingForm(el, text, {
    send: (frame) => relay.sendWhenReady(frame),
    visitorToken: () => saved.visitorToken,
    scrollToEnd: () => thread.scrollToEnd(),
  });

  translatePage(primary, text);
  if (params.get('embedded') === '1') document.body.classList.add('embedded');
  el.startForm.addEventListener('submit', (event) => {
    event.preventDefault();
    start(el.name.value.trim());
  });
  wireComposer(el, write);
  wireAttach(el, attach);
  if (saved.visitorToken && saved.name) {
    showConversation(saved.name);
    relay.start();
  } else {
    el.name.value = saved.name || '';
    el.name.focus();
  }

  function start(name: string): void {
    if (!name) {
      showStartError(text.nameLabel);
      el.name.focus();
      return;
    }
    saved.name = name;
    saved.save();
    showConversation(name);
    relay.start();
  }

  function showConversation(name: string): void {
    el.startError.hidden = true;
    el.startView.hidden = true;
    el.conversationView.hidden = false;
    el.notice.textContent = text.hello.replace('{name}', name);
    saved.outbox.forEach((message) => thread.showPending(message));
    el.input.focus();
  }

  function showStartError(message: string): void {
    el.conversationView.hidden = true;
    el.startView.hidden = false;
    el.startError.textContent = message;
    el.startError.hidden = false;
  }

  function receive(frame: WebchatServerFrame): void {
    if (isCallFrame(frame)) {
      call?.receive(frame);
    } else if (frame.type === 'ready') {
      relay.markReady();
      saved.visitorToken = frame.visitorToken;
      saved.save();
      status.connection('online');
      thread.showAll(frame.messages);
      saved.outbox.forEach(transmit);
      offerCalls();
      call?.reachable(true);
    } else if (frame.type === 'message') {
      thread.show(frame.message);
      thread.scrollToEnd();
    } else if (frame.type === 'queue') {
      status.placeInLine(frame.position, frame.estimatedWaitMs);
    } else if (frame.type === 'language') {
      status.promise(frame.yours);
    } else if (frame.type === 'rating-request') {
      rating.ask();
    } else if (frame.type === 'error') {
      relayRefused(frame.message);
    }
  }

  function relayRefused(message: string): void {
    if (relay.isReady) {
      status.banner(message);
      return;
    }
    // Refused before the chat started (unknown company, a name it cannot take): ask again.
    relay.stop();
    saved.visitorToken = undefined;
    saved.save();
    showStartError(message);
  }

  /** Browsers with WebRTC get a Call button; the call's frames go over this chat's socket. */
  function offerCalls(): void {
    if (call || typeof RTCPeerConnection === 'undefined') return;
    call = createWebCall({ ...el.call, language: primary, newId, send: (frame) => relay.sendWhenReady(frame) });
  }

  /** A text longer than one message goes as several, split where a reader would pause, and the customer is told. */
  function write(body: string, attachments?: string[]): void {
    // A file may go without a caption: only a text over the limit is split.
    const parts = body.length > MESSAGE_BODY_MAX ? splitForSending(body, MESSAGE_BODY_MAX) : [body];
    parts.forEach((part, i) => queue(part, i === parts.length - 1 ? attachments : undefined));
    if (parts.length > 1) status.banner(text.longSplit.replace('{n}', String(parts.length)));
  }

  function queue(body: string, attachments?: string[]): void {
    const message: PendingMessage = { clientMessageId: newId(), body, createdAt: Date.now(), ...(attachments ? { attachments } : {}) };
    saved.queue(message);
    thread.showPending(message);
    thread.scrollToEnd();
    if (relay.isReady) transmit(message);
  }

  function transmit(message: PendingMessage): void {
    relay.sendIfOpen({ type: 'send', clientMessageId: message.clientMessageId, body: message.body, ...(message.attachments ? { attachments: message.attachments } : {}) });
  }

  /** Checked here first, uploaded, then sent as a message that names it. */
  function attach(file: File, caption: string): void {
    const refusal = fileRefusal(file, text);
    const token = saved.visitorToken;
    if (refusal || !token) {
      status.banner(refusal ?? text.uploadFailed.replace('{name}', file.name));
      return;
    }
    uploadFile(file, token).then(
      (uploaded) => write(caption || uploaded.name, [uploaded.fileId]),
      () => status.banner(text.uploadFailed.replace('{name}', file.name)),
    );
  }
}

/** The visitor's own zone, so times the relay tells them read as their local time. */
function timeZone(): { timeZone?: string } {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone ? { timeZone: zone } : {};
}
