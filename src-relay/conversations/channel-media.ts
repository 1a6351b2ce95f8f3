import { ATTACHMENTS_MAX } from '../../src-shared/domain/attachments.js';
import type { Message, MessageAttachment, PendingFile } from '../../src-shared/domain/model.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import type { MediaFetch, NewMediaFetch } from '../storage/port/channel-media.js';
import type { InboundMedia } from './channel-messages.js';
import { shareAttachments, withAttachments } from './message-files.js';

/**
 * Files customers send on messaging apps, kept by the relay after their message is stored: the
 * webhook stores the message with its files pending and answers the provider at once; the
 * fetcher (src-relay/channels/inbound-media.ts) then fetches each file, and its outcome reaches
 * the desks as the message again, with the file among its attachments or named as lost, and why.
 */

/** What one attempt to fetch a file came to. */
export type MediaOutcome =
  | { kind: 'kept'; attachment: MessageAttachment }
  | { kind: 'failed'; reason: string }
  | { kind: 'retry'; at: number; detail: string };

/** Past the attachments' limit, a message's further files are listed as lost at once (Twilio's MMS carries up to 10). */
const OVER_LIMIT = `the relay keeps at most ${ATTACHMENTS_MAX} files of one message`;

/** The fetches of a message's files, due at once, recorded in the commit that stores the message. */
export async function recordInboundMedia(changes: ChangeSet, account: ChannelAccount, messageId: string, media: readonly InboundMedia[]): Promise<void> {
  const fetches: NewMediaFetch[] = media.map((file, position) => ({
    messageId,
    position,
    tenantId: changes.tenantId,
    accountId: account.id,
    ref: file.ref,
    name: file.name,
    mediaType: file.mediaType,
    size: file.size,
    state: position < ATTACHMENTS_MAX ? 'pending' : 'failed',
    nextAttemptAt: changes.at,
    lastError: position < ATTACHMENTS_MAX ? null : OVER_LIMIT,
  }));
  await changes.store.channelMedia.insertFetches(fetches, changes.at);
}

/** How a new message shows its files before any is fetched. */
export function pendingFilesOf(media: readonly InboundMedia[]): PendingFile[] {
  return media.map((file, position) => (position < ATTACHMENTS_MAX ? { name: file.name, state: 'fetching', reason: null } : { name: file.name, state: 'failed', reason: OVER_LIMIT }));
}

/** The message's files as their fetches stand: the kept ones, in order, and the others. */
export function filesOf(fetches: readonly MediaFetch[]): Pick<Message, 'attachments' | 'pendingFiles'> {
  const attachments = fetches.flatMap((fetch) => (fetch.state === 'kept' && fetch.attachment ? [fetch.attachment] : []));
  const pendingFiles: PendingFile[] = fetches.flatMap((fetch): PendingFile[] => {
    if (fetch.state === 'kept') return [];
    return [fetch.state === 'pending' ? { name: fetch.name, state: 'fetching', reason: null } : { name: fetch.name, state: 'failed', reason: (fetch.lastError ?? 'unknown').slice(0, 500) }];
  });
  return { ...withAttachments(attachments), ...(pendingFiles.length ? { pendingFiles } : {}) };
}

/**
 * Records what became of one file. Kept or given up: in one commit, the fetch, the message's
 * files and their log event, so the desks see it. To be tried again: only the fetch, quietly.
 */
export async function recordMediaOutcome(core: RelayCore, fetch: MediaFetch, outcome: MediaOutcome): Promise<string[]> {
  if (outcome.kind === 'retry') {
    const change = { state: 'pending' as const, at: core.now(), nextAttemptAt: outcome.at, lastError: outcome.detail.slice(0, 500) };
    await core.store.transaction((tx) => tx.channelMedia.updateFetch(fetch.messageId, fetch.position, change), { tenantId: fetch.tenantId });
    return [];
  }
  return core.commit(fetch.tenantId, async (changes) => {
    const stored = await changes.store.conversations.findMessage(fetch.messageId);
    const conversation = stored && (await changes.store.conversations.findConversation(changes.tenantId, stored.message.conversationId));
    if (!stored || !conversation) {
      // Erased (or expired) with its conversation while the file was being fetched: the file goes too.
      const unheld = outcome.kind === 'kept' && (await changes.store.files.forgetUnshared(changes.tenantId, outcome.attachment.fileId));
      return unheld ? [outcome.attachment.fileId] : [];
    }
    if (outcome.kind === 'kept') {
      await changes.store.channelMedia.updateFetch(fetch.messageId, fetch.position, { state: 'kept', at: changes.at, attachment: outcome.attachment });
      await shareAttachments(changes.store, changes.tenantId, conversation.id, [outcome.attachment]);
    } else {
      await changes.store.channelMedia.updateFetch(fetch.messageId, fetch.position, { state: 'failed', at: changes.at, lastError: outcome.reason.slice(0, 500) });
    }
    const { attachments: _attachments, pendingFiles: _pending, ...message } = stored.message;
    await changes.changeMessageFiles({ ...message, ...filesOf(await changes.store.channelMedia.listFetches(fetch.messageId)) }, conversation);
    return [];
  });
}
