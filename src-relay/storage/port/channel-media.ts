import type { MessageAttachment, PendingFile } from '../../../src-shared/domain/model.js';

/** Where a customer's file stands: waiting to be fetched (or being fetched), kept by the relay, or given up on. */
export type MediaFetchState = 'pending' | 'kept' | 'failed';

/** One file a customer sent on a messaging app, fetched from the provider after their message was stored. */
export interface MediaFetch {
  messageId: string;
  /** Its place among the message's files, from 0. */
  position: number;
  tenantId: string;
  accountId: string;
  /** The provider's handle for it (InboundMedia.ref): a media id, a URL. */
  ref: string;
  name: string;
  mediaType: string | null;
  /** As the provider declared it, when it did. */
  size: number | null;
  state: MediaFetchState;
  /** Attempts begun, counted when claimed. */
  attempts: number;
  /** When a pending fetch is due; for a claimed one, when its claim lapses (the fetcher died). */
  nextAttemptAt: number;
  /** The file as the message carries it, once kept. */
  attachment: MessageAttachment | null;
  /** Why the last attempt failed, or why it was given up. */
  lastError: string | null;
}

export type NewMediaFetch = Omit<MediaFetch, 'attempts' | 'attachment'>;

/** What a fetcher learnt about one file. */
export interface MediaFetchChange {
  state: MediaFetchState;
  at: number;
  nextAttemptAt?: number;
  attachment?: MessageAttachment | null;
  lastError?: string | null;
}

/** Customers' files to fetch from the providers, and the files their messages show meanwhile. */
export interface ChannelMediaRepository {
  /** Records a message's files, in the transaction that stores the message. */
  insertFetches(fetches: readonly NewMediaFetch[], at: number): Promise<void>;
  /**
   * The tenant's fetches due at `at` (pending, or claimed and lapsed), oldest due first, as they
   * were; each now has its attempts counted and is due again only at `claimUntil`, so another
   * fetcher leaves it alone meanwhile. Call inside a transaction named for the tenant.
   */
  claimDueFetches(tenantId: string, at: number, claimUntil: number, limit: number): Promise<MediaFetch[]>;
  /** When the tenant's next pending fetch falls due; null with none. A cheap read before claiming. */
  nextFetchDueAt(tenantId: string): Promise<number | null>;
  /** The message's files, by position. */
  listFetches(messageId: string): Promise<MediaFetch[]>;
  updateFetch(messageId: string, position: number, change: MediaFetchChange): Promise<void>;
  /** The message's kept files and those still pending or lost; written with its log event. */
  setMessageFiles(messageId: string, attachments: readonly MessageAttachment[], pendingFiles: readonly PendingFile[]): Promise<void>;
}
