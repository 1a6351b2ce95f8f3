import { EMAIL_SENDERS_PATH, EmailSenders, NEW_EMAIL_PATH, NewEmailStarted } from '../../../src-shared/protocol/email.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { requestAdminRead, sendAdminChange } from '../relay-http.js';
import type { CoreParts } from './core-parts.js';

export type EmailHandlers = NamespaceHandlers<'email'>;

/** How long a started mail's conversation may take to arrive by sync before the desk says so. */
const ARRIVAL_WAIT_MS = 10_000;
const ARRIVAL_POLL_MS = 100;

/**
 * A new mail to a customer: asked of the relay, which opens the conversation and sends the mail;
 * answered once sync has brought the conversation here, so the desk can open it at once.
 */
export function emailHandlers({ cache, guards, relayUrl }: Pick<CoreParts, 'cache' | 'guards' | 'relayUrl'>, arrivalWaitMs = ARRIVAL_WAIT_MS): EmailHandlers {
  return {
    'email.senders': async () => {
      guards.requireAgent();
      const token = guards.signInToken('Sign in again to write a new mail.');
      return requestAdminRead(relayUrl, token, EMAIL_SENDERS_PATH, EmailSenders, 'The list of mailboxes');
    },
    'email.start': async (mail) => {
      guards.requireAgent();
      const token = guards.signInToken('Sign in again to write a new mail.');
      const answer = NewEmailStarted.safeParse(await sendAdminChange(relayUrl, token, { method: 'POST', path: NEW_EMAIL_PATH, body: mail }));
      if (!answer.success) throw new ApiFailure('unavailable', 'The relay answered the new mail with something this workstation does not understand.');
      const { conversationId } = answer.data;
      const deadline = Date.now() + arrivalWaitMs;
      while (!cache.conversations.get(conversationId)) {
        if (Date.now() > deadline) throw new ApiFailure('unavailable', 'The mail was sent, but its conversation has not reached this workstation yet; it will appear in the inbox.');
        await new Promise((resolve) => setTimeout(resolve, ARRIVAL_POLL_MS));
      }
      return { conversationId };
    },
  };
}
