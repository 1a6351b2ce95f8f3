import { acceptedTypeNamed, acceptedTypeOfName, inMegabytes, limitFor } from '../../src-shared/domain/attachments.js';
import { recordMediaOutcome, type MediaOutcome } from '../conversations/channel-media.js';
import { forgetFileBytes } from '../privacy/forget-files.js';
import { attachmentOf } from '../conversations/message-files.js';
import { FileRefused } from '../files/file-store.js';
import { keepFile } from '../files/tenant-files.js';
import type { RelayCore } from '../relay-core.js';
import { repeatForTenants, settlesWithin } from '../repeating.js';
import type { MediaFetch } from '../storage/port/channel-media.js';
import type { ChannelRuntime } from './channel-runtime.js';

/** Downloads under way at once on this node, over all tenants: bounds the memory files take while they arrive. */
const IN_FLIGHT_MAX = 20;
/**
 * How long a tick waits for its downloads. A slow media host (up to the timeout) would otherwise
 * hold every other tenant's files: past this the tick ends and the downloads finish on their own,
 * their rows still claimed, so none is fetched twice meanwhile.
 */
const TICK_WAIT_MS = 1_000;
/** Beyond the calls' own timeouts (a lookup and a download): a claim still held after this was left by a relay that stopped. */
const CLAIM_MARGIN_MS = 2_000;

/**
 * The fetcher of customers' files: every `mediaIntervalMs`, each tenant's due files are fetched
 * from their providers, on one node of a cluster at a time (the tenant's `channel-media` lease),
 * typed from their bytes and kept, and their messages updated (conversations/channel-media.ts).
 * A file is claimed in a transaction before the provider is called (its due time moved past the
 * calls' timeouts), so a relay that dies mid-fetch leaves it due again once the claim lapses:
 * a fetch is repeated, never lost, and repeating one is harmless (files are kept by content).
 * Failures that may pass (the provider's 5xx, a timeout) are tried again with exponential
 * backoff; a file the provider no longer has, or one over the limits, is given up at once.
 */
export function scheduleInboundMedia(core: RelayCore, runtime: ChannelRuntime): () => void {
  const downloads = { inFlight: 0 };
  return repeatForTenants(core, runtime.settings.sendIntervalMs ?? 250, 'channel-media', (tenantId) => fetchDueMedia(core, runtime, tenantId, downloads));
}

/** One tick for one tenant; returns how many files it began to fetch. `downloads` counts this node's downloads under way. */
export async function fetchDueMedia(core: RelayCore, runtime: ChannelRuntime, tenantId: string, downloads: { inFlight: number }): Promise<number> {
  const room = IN_FLIGHT_MAX - downloads.inFlight;
  const at = core.now();
  if (room <= 0) return 0;
  const due = await core.store.channelMedia.nextFetchDueAt(tenantId);
  if (due === null || due > at) return 0;
  const claimUntil = at + 3 * timeoutOf(runtime) + CLAIM_MARGIN_MS;
  const claimed = await core.store.transaction((tx) => tx.channelMedia.claimDueFetches(tenantId, at, claimUntil, room), { tenantId });
  downloads.inFlight += claimed.length;
  const fetching = claimed.map((fetch) =>
    fetchOne(core, runtime, fetch)
      .catch((error: unknown) => core.reportError('channel media', error))
      .finally(() => {
        downloads.inFlight--;
      }),
  );
  await settlesWithin(Promise.all(fetching), TICK_WAIT_MS);
  return claimed.length;
}

async function fetchOne(core: RelayCore, runtime: ChannelRuntime, fetch: MediaFetch): Promise<void> {
  const unheld = await recordMediaOutcome(core, fetch, await attempt(core, runtime, fetch));
  await forgetFileBytes(runtime.files ?? null, unheld);
}

async function attempt(core: RelayCore, runtime: ChannelRuntime, fetch: MediaFetch): Promise<MediaOutcome> {
  const account = await core.store.channels.findAccount(fetch.accountId);
  const adapter = account ? runtime.adapterOf(account.provider) : null;
  if (!account || !adapter || account.disconnectedAt) return { kind: 'failed', reason: 'an administrator disconnected the account it came through' };
  if (!adapter.fetchMedia || !runtime.files) return { kind: 'failed', reason: `files from ${adapter.rules.name} are not fetched yet` };
  const type = (fetch.mediaType && acceptedTypeNamed(fetch.mediaType)) || acceptedTypeOfName(fetch.name);
  const maxBytes = type ? limitFor(type.kind, runtime.files.maxFileBytes) : runtime.files.maxFileBytes;
  if (fetch.size !== null && fetch.size > maxBytes) return { kind: 'failed', reason: `it is ${inMegabytes(fetch.size)}, over the ${inMegabytes(maxBytes)} allowed for its kind` };
  const media = { ref: fetch.ref, name: fetch.name, mediaType: fetch.mediaType, size: fetch.size };
  const fetched = await adapter.fetchMedia(media, runtime.credentialsOf(adapter, account), runtime.apiOf(adapter), maxBytes);
  if (!fetched.ok) return fetched.permanent ? { kind: 'failed', reason: fetched.detail } : retryOrGiveUp(core, runtime, fetch, fetched.detail);
  try {
    const stored = await keepFile(core, runtime.files, { tenantId: fetch.tenantId }, fetched.bytes, { name: fetch.name, mediaType: fetched.mediaType ?? fetch.mediaType });
    return { kind: 'kept', attachment: attachmentOf({ ...stored, createdAt: core.now() }, stored.name) };
  } catch (error) {
    // Not what it claims to be, or over the limit for what its bytes are: fetching again would not change that.
    if (error instanceof FileRefused) return { kind: 'failed', reason: error.message };
    throw error;
  }
}

/** `attempts` counts this one (the claim counted it). */
function retryOrGiveUp(core: RelayCore, runtime: ChannelRuntime, fetch: MediaFetch, detail: string): MediaOutcome {
  const attempts = fetch.attempts + 1;
  if (attempts >= (runtime.settings.maxAttempts ?? 10)) return { kind: 'failed', reason: `gave up after ${attempts} attempts; the last: ${detail}` };
  const backoff = Math.min((runtime.settings.retryBaseMs ?? 2_000) * 2 ** (attempts - 1), runtime.settings.retryMaxMs ?? 300_000);
  return { kind: 'retry', at: core.now() + backoff, detail };
}

function timeoutOf(runtime: ChannelRuntime): number {
  return runtime.settings.timeoutMs ?? 10_000;
}
