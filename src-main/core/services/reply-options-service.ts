import { conversationReplyOptionsPath, ReplyOptions } from '../../../src-shared/protocol/channels/templates.js';
import { relayHttpAddress } from '../../sync/relay-address.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { Guards } from './guards.js';

export type ReplyOptionsHandlers = NamespaceHandlers<'replies'>;

const TIMEOUT_MS = 10_000;

/**
 * The composer's question before it writes to a conversation on a messaging app: the relay's
 * reckoning of the provider's window and the account's approved templates, asked with the agent's
 * token (online only: the composer falls back to free text, which the relay checks anyway).
 */
export function replyOptionsHandlers(relayUrl: string, guards: Guards): ReplyOptionsHandlers {
  return {
    'replies.options': async ({ conversationId }) => {
      guards.requireAgent();
      const conversation = guards.requireConversation(conversationId);
      const token = guards.signInToken('Sign in again to answer on this messaging app.');
      let response: Response;
      try {
        response = await fetch(relayHttpAddress(relayUrl, conversationReplyOptionsPath(conversation.id)), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch {
        throw new ApiFailure('unavailable', 'The messaging app\'s reply window needs the relay, which cannot be reached.');
      }
      if (response.status === 404) throw new ApiFailure('not_found', 'The relay knows no such conversation for you.');
      if (!response.ok) throw new ApiFailure('unavailable', `The relay did not say how a reply may go (HTTP ${response.status}).`);
      const parsed = ReplyOptions.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new ApiFailure('unavailable', 'The relay answered with something this workstation does not understand.');
      return parsed.data;
    },
  };
}
