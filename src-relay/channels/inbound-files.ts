import { acceptedTypeNamed, acceptedTypeOfName, inMegabytes, limitFor } from '../../src-shared/domain/attachments.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import type { ChannelInbound, ChannelWebhook } from '../conversations/channel-messages.js';
import { attachmentOf } from '../conversations/message-files.js';
import { FileRefused, type FileStore } from '../files/file-store.js';
import { keepFile } from '../files/tenant-files.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { providerKey } from '../conversations/channel-messages.js';
import type { ChannelAdapter, InboundMedia, ProviderApi } from './port/channel-adapter.js';

/**
 * The files users sent, fetched from the provider and kept by the relay (checked from their bytes,
 * as every upload) before their messages are stored, so that a message and its files arrive
 * together. A file that cannot be had (over the limits, a type the relay does not take, the
 * provider failing) is named in the message's text with why, so the agent knows and can ask
 * again. A message stored before (a redelivery) fetches nothing.
 */
export async function fetchInboundFiles(
  core: RelayCore,
  files: FileStore | undefined,
  account: ChannelAccount,
  fetcher: { adapter: ChannelAdapter; credentials: unknown; api: ProviderApi },
  webhook: ChannelWebhook,
): Promise<ChannelWebhook> {
  const messages: ChannelInbound[] = [];
  for (const inbound of webhook.messages) {
    const known = inbound.media?.length ? await core.store.conversations.findProviderMessage(account.tenantId, account.provider, providerKey(account.id, inbound.providerMessageId)) : null;
    messages.push(inbound.media?.length && !known ? await withFiles(core, files, account, fetcher, inbound) : inbound);
  }
  return { ...webhook, messages };
}

async function withFiles(
  core: RelayCore,
  files: FileStore | undefined,
  account: ChannelAccount,
  fetcher: { adapter: ChannelAdapter; credentials: unknown; api: ProviderApi },
  inbound: ChannelInbound,
): Promise<ChannelInbound> {
  const attachments: MessageAttachment[] = [];
  const missing: string[] = [];
  for (const media of inbound.media ?? []) {
    const kept = files && fetcher.adapter.fetchMedia ? await fetchOne(core, files, account, fetcher, media) : { ok: false as const, why: 'files from this app are not fetched yet' };
    if (kept.ok) attachments.push(kept.attachment);
    else missing.push(missingFileNote(media.name, kept.why));
  }
  const body = missing.length ? `${inbound.body}\n${missing.join('\n')}` : inbound.body;
  return { ...inbound, body, attachments };
}

async function fetchOne(
  core: RelayCore,
  files: FileStore,
  account: ChannelAccount,
  { adapter, credentials, api }: { adapter: ChannelAdapter; credentials: unknown; api: ProviderApi },
  media: InboundMedia,
): Promise<InboundFileOutcome> {
  const type = (media.mediaType && acceptedTypeNamed(media.mediaType)) || acceptedTypeOfName(media.name);
  const maxBytes = type ? limitFor(type.kind, files.maxFileBytes) : files.maxFileBytes;
  if (media.size !== null && media.size > maxBytes) return { ok: false, why: `it is ${inMegabytes(media.size)}, over the ${inMegabytes(maxBytes)} allowed for its kind` };
  const fetched = await adapter.fetchMedia!(media, credentials, api, maxBytes);
  if (!fetched.ok) return { ok: false, why: fetched.detail };
  return keepInboundFile(core, files, account, fetched.bytes, { name: media.name, mediaType: fetched.mediaType ?? media.mediaType });
}

/** What became of one user's file: an attachment for their message, or why it could not be kept. */
export type InboundFileOutcome = { ok: true; attachment: MessageAttachment } | { ok: false; why: string };

/** A user's bytes kept for the account's tenant, checked as every upload; a refusal (type, size) is a value, a storage failure throws. */
export async function keepInboundFile(core: RelayCore, files: FileStore, account: ChannelAccount, bytes: Uint8Array, declared: { name: string; mediaType: string | null }): Promise<InboundFileOutcome> {
  try {
    const stored = await keepFile(core, files, { tenantId: account.tenantId }, bytes, declared);
    return { ok: true, attachment: attachmentOf({ ...stored, createdAt: core.now() }, stored.name) };
  } catch (error) {
    if (error instanceof FileRefused) return { ok: false, why: error.message };
    throw error;
  }
}

/** How a message names a user's file it does not carry, so the agent knows and can ask again. */
export function missingFileNote(name: string, why: string): string {
  return `[${name}: not received, ${why}]`;
}
