import { replyWindow, type ReplyWindow } from '../../src-shared/domain/channel-rules.js';
import type { TemplateChoice } from '../../src-shared/domain/message-templates.js';
import type { Channel } from '../../src-shared/domain/model.js';
import { recordChannelFailure, recordChannelPart, recordChannelRetry, recordChannelSent } from '../conversations/channel-replies.js';
import type { RelayCore } from '../relay-core.js';
import { repeatForTenants, settlesWithin } from '../repeating.js';
import type { ChannelSend } from '../storage/port/channels.js';
import { accountApi, webhookPathOf } from './channel-accounts.js';
import type { ChannelRuntime } from './channel-runtime.js';
import { outboundFiles, withFileDetails } from './outbound-files.js';
import { publicFileUrl } from './public-files.js';
import type { OutboundFile, OutboundThread, SendOutcome } from './port/channel-adapter.js';

/** Sends claimed per tick and tenant; the rest wait for the next tick. */
const BATCH = 50;
/** A claim outlives any provider call (its timeout) by far: one still `sending` after this was abandoned by a relay that stopped. */
const CLAIM_MARGIN_MS = 60_000;

/**
 * The send outbox: every `sendIntervalMs`, each tenant's due replies go to their providers, on one
 * node of a cluster at a time (the tenant's `channel-sends` lease). A reply is sent at most once:
 * its row is claimed in a transaction before the provider is called, and the outcome recorded
 * after. A claim found lapsed means a relay stopped mid-call without knowing the outcome: the
 * reply is sent again only through a provider that takes an idempotency key, and otherwise shown
 * as unconfirmed. Failures that may pass are tried again with exponential backoff.
 */
export function scheduleChannelSends(core: RelayCore, runtime: ChannelRuntime): () => void {
  return repeatForTenants(core, runtime.settings.sendIntervalMs ?? 250, 'channel-sends', (tenantId) => sendDue(core, runtime, tenantId));
}

/** Rounds per tick: a recipient's replies go one per round, so a burst of them is not spread over many ticks. */
const ROUNDS = 10;

/** One tick for one tenant: rounds of due sends until none is due; returns how many were handled. Exported for tests that drive the clock. */
export async function sendDue(core: RelayCore, runtime: ChannelRuntime, tenantId: string): Promise<number> {
  let handled = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const at = core.now();
    // A read first: most ticks find nothing due, and a claim is a write transaction.
    const due = await core.store.channels.nextSendDueAt(tenantId);
    if (due === null || due > at) break;
    const claimUntil = at + (runtime.settings.timeoutMs ?? 10_000) + CLAIM_MARGIN_MS;
    const claimed = await core.store.transaction((tx) => tx.channels.claimDueSends(tenantId, at, claimUntil, BATCH), { tenantId });
    if (claimed.length === 0) break;
    // One per recipient (claimDueSends), so sending them side by side keeps each recipient's order.
    const sending = Promise.all(claimed.map((send) => sendOne(core, runtime, send).catch((error: unknown) => core.reportError('channel send', error))));
    handled += claimed.length;
    if (!(await settlesWithin(sending, ROUND_WAIT_MS))) break;
  }
  return handled;
}

/**
 * How long a tick waits for a round of sends. A provider slow to answer (up to its timeout) would
 * otherwise hold every other reply of every tenant: past this, the tick ends and the slow sends
 * finish on their own. Their rows stay claimed meanwhile, so nothing is sent twice, and a
 * recipient's next reply waits behind its claimed one, so their order holds.
 */
const ROUND_WAIT_MS = 1_000;


async function sendOne(core: RelayCore, runtime: ChannelRuntime, send: ChannelSend): Promise<void> {
  const account = await core.store.channels.findAccount(send.accountId);
  const adapter = account ? runtime.adapterOf(account.provider) : null;
  if (!account || !adapter) return recordChannelFailure(core, send, 'rejected', 'The messaging account this reply was for is no longer connected.');
  if (account.disconnectedAt) return recordChannelFailure(core, send, 'disconnected', `An administrator disconnected the account "${account.displayName}" before this reply went out.`);
  if (send.state === 'sending' && !adapter.idempotentRetries) {
    return recordChannelFailure(core, send, 'unconfirmed', `The relay stopped while handing this reply to ${adapter.rules.name}, which takes no idempotency key; it may or may not have arrived.`);
  }
  let prepared: { body: string; credentials: unknown; window: ReplyWindow; template: TemplateChoice | null; files: OutboundFile[] | null; filesLost: boolean; thread: OutboundThread | null; sentParts: (string | null)[] } | null;
  try {
    const stored = await core.store.conversations.findMessage(send.messageId);
    // The window as the send goes out, not as the reply was written: a retry may cross its end.
    const contact = await core.store.channels.findContact(account.id, send.recipient);
    const window = replyWindow(adapter.rules, contact?.lastInboundAt ?? null, core.now());
    const template = stored && (await core.store.channels.findSendTemplate(send.messageId));
    const attachments = stored?.message.attachments ?? [];
    const urlOf = (file: { fileId: string; name: string; mediaType: string }) => publicFileUrl(runtime, file, core.now());
    const loaded = attachments.length ? await outboundFiles(runtime.files, attachments, urlOf) : null;
    const files = loaded && adapter.fileDetails && runtime.files ? await withFileDetails(runtime.files, loaded, adapter.fileDetails, urlOf) : loaded;
    const thread = adapter.threadOf ? await adapter.threadOf(core.store, send) : null;
    // The parts of a reply in several messages that the provider took on an earlier attempt: not sent again.
    const sentParts = await core.store.channels.findSendParts(send.messageId);
    prepared = stored && { body: stored.message.body, credentials: runtime.credentialsOf(adapter, account), window, template, files, filesLost: attachments.length > 0 && files === null, thread, sentParts };
  } catch (error) {
    // Nothing reached the provider: the reply waits for the next attempt.
    core.reportError('channel send', error);
    return recordChannelRetry(core, send, core.now() + (runtime.settings.retryBaseMs ?? 2_000), 'The relay could not prepare the send.');
  }
  if (!prepared) return; // erased with its conversation, send row and all
  if (prepared.filesLost) {
    return recordChannelFailure(core, send, 'rejected', 'A file this reply carries is no longer kept by the relay.');
  }
  const publicUrl = runtime.settings.publicUrl?.replace(/\/$/, '');
  const text = {
    messageId: send.messageId,
    recipient: send.recipient,
    body: prepared.body,
    window: prepared.window,
    ...(prepared.template ? { template: prepared.template } : {}),
    ...(publicUrl ? { webhookUrl: publicUrl + webhookPathOf(account) } : {}),
    ...(prepared.files ? { files: prepared.files } : {}),
    ...(prepared.thread ? { thread: prepared.thread } : {}),
    sentParts: prepared.sentParts,
    partSent: (part: number, providerMessageId: string) => recordChannelPart(core, send, part, providerMessageId),
  };
  await record(core, runtime, send, adapter.provider, await adapter.send(text, prepared.credentials, accountApi(core, runtime, adapter, account)));
}

async function record(core: RelayCore, runtime: ChannelRuntime, send: ChannelSend, provider: Channel, outcome: SendOutcome): Promise<void> {
  if (outcome.kind === 'sent') return recordChannelSent(core, send, provider, outcome.providerMessageId);
  if (outcome.kind === 'failed') return recordChannelFailure(core, send, outcome.failure, outcome.detail);
  // `attempts` is what it was before this claim: this was attempt attempts + 1.
  const attempt = send.attempts + 1;
  if (attempt >= (runtime.settings.maxAttempts ?? 10)) return recordChannelFailure(core, send, 'gave-up', `Gave up after ${attempt} attempts; the last: ${outcome.detail}`);
  const backoff = Math.min((runtime.settings.retryBaseMs ?? 2_000) * 2 ** (attempt - 1), runtime.settings.retryMaxMs ?? 300_000);
  return recordChannelRetry(core, send, core.now() + Math.max(backoff, outcome.afterMs ?? 0), outcome.detail);
}
