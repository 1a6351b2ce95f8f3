import { conversationReplyOptionsPath, ReplyOptions } from '../../../src-shared/protocol/channels/templates.js';
import { relayHttpAddress } from '../../sync/relay-address.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { CoreParts } from './core-parts.js';
import { offlineReplyOptions } from './offline-reply-options.js';

/** `replies.check` is the reply checks'. */
export type ReplyOptionsHandlers = Omit<NamespaceHandlers<'replies'>, 'replies.check'>;

const TIMEOUT_MS = 10_000;

/**
 * The composer's question before it writes to a conversation on a messaging app: the relay's
 * reckoning of the provider's window and the account's approved templates, asked with the agent's
 * token and kept in the cache. When the relay cannot be reached, the window is reckoned from the
 * cache instead (offline-reply-options.ts), so a closed WhatsApp window still offers templates only.
 */
export function replyOptionsHandlers({ cache, guards, relayUrl }: Pick<CoreParts, 'cache' | 'guards' | 'relayUrl'>): ReplyOptionsHandlers {
  return {
    'replies.options': async ({ conversationId }) => {
      guards.requireAgent();
      const conversation = guards.requireConversation(conversationId);
      const token = guards.signInToken('Sign in again to answer on this messaging app.');
      let response: Response;
      try {
        response = await fetch(relayHttpAddress(relayUrl, conversationReplyOptionsPath(conversation.id)), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch {
        const at = Date.now();
        const offline = offlineReplyOptions(conversation, cache.messages.lastCustomerMessageAt(conversation.id), cache.replyOptions.get(conversation.id), at);
        if (offline) return offline;
        throw new ApiFailure('unavailable', 'The messaging app\'s reply window needs the relay, which cannot be reached.');
      }
      if (response.status === 404) throw new ApiFailure('not_found', 'The relay knows no such conversation for you.');
      if (!response.ok) throw new ApiFailure('unavailable', `The relay did not say how a reply may go (HTTP ${response.status}).`);
      const parsed = ReplyOptions.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new ApiFailure('unavailable', 'The relay answered with something this workstation does not understand.');
      cache.replyOptions.save(conversation.id, parsed.data, Date.now());
      return parsed.data;
    },
  };
}
