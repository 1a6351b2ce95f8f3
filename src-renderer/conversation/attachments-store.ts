import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import type { ApiClient } from '../state/api-client.js';
import { createStoreContext } from '../state/store-context.js';
import { blobUrlOf, filePartsOf, refusalOf, type FileRefusal } from './file-bytes.js';

/** A file picked in the composer: on its way to the relay, ready to send, or refused by it. */
export interface PendingFile {
  uploadId: string;
  name: string;
  size: number;
  state: 'uploading' | 'ready';
  attachment: MessageAttachment | null;
}

export interface AttachmentsState {
  /** By conversation, in the order picked. */
  pending: Record<string, PendingFile[]>;
  /** Why the last picked file did not go: checked here, or the relay's own words. */
  refusal: FileRefusal | { key: 'attachments.uploadFailed'; values: Record<string, string> } | null;
  /** Shown files by id: a blob: URL, or null while loading or when the bytes cannot be had. */
  urls: Record<string, string | null>;
  attach(conversationId: string, file: File): Promise<void>;
  remove(conversationId: string, uploadId: string): void;
  /** The uploaded files a reply to the conversation would carry. */
  readyFor(conversationId: string): MessageAttachment[];
  uploadingFor(conversationId: string): boolean;
  /** The reply went: the composer starts empty again. */
  sent(conversationId: string): void;
  /** Fetches a message's file (once) for showing. */
  show(attachment: MessageAttachment): void;
  dismiss(): void;
}

export type AttachmentsStore = StoreApi<AttachmentsState>;

export const attachmentsContext = createStoreContext<AttachmentsState>('attachments');
export const { useStoreApi: useAttachmentsStore, useSlice: useAttachments } = attachmentsContext;

/** The composer's files and the thread's: uploads through the core, and bytes shown from blob: URLs. */
export function createAttachmentsStore(client: ApiClient): AttachmentsStore {
  const asked = new Set<string>();
  return createStore<AttachmentsState>()((set, get) => {
    const change = (conversationId: string, files: (list: PendingFile[]) => PendingFile[]) =>
      set({ pending: { ...get().pending, [conversationId]: files(get().pending[conversationId] ?? []) } });
    return {
      pending: {},
      refusal: null,
      urls: {},

      async attach(conversationId, file) {
        const refusal = refusalOf(file, (get().pending[conversationId] ?? []).length);
        set({ refusal });
        if (refusal) return;
        const uploadId = crypto.randomUUID();
        change(conversationId, (list) => [...list, { uploadId, name: file.name, size: file.size, state: 'uploading', attachment: null }]);
        for await (const { offset, part } of filePartsOf(file)) {
          const result = await client.call('files.upload', { uploadId, name: file.name, mediaType: file.type, size: file.size, offset, part });
          if (!result.ok) {
            change(conversationId, (list) => list.filter((f) => f.uploadId !== uploadId));
            set({ refusal: { key: 'attachments.uploadFailed', values: { name: file.name, reason: result.error.message } } });
            return;
          }
          const { attachment } = result.value;
          if (attachment) change(conversationId, (list) => list.map((f) => (f.uploadId === uploadId ? { ...f, state: 'ready', attachment } : f)));
        }
      },

      remove(conversationId, uploadId) {
        change(conversationId, (list) => list.filter((f) => f.uploadId !== uploadId));
      },

      readyFor(conversationId) {
        return (get().pending[conversationId] ?? []).flatMap((f) => (f.attachment ? [f.attachment] : []));
      },

      uploadingFor(conversationId) {
        return (get().pending[conversationId] ?? []).some((f) => f.state === 'uploading');
      },

      sent(conversationId) {
        change(conversationId, (list) => list.filter((f) => f.state === 'uploading'));
      },

      show(attachment) {
        if (asked.has(attachment.fileId)) return;
        asked.add(attachment.fileId);
        set({ urls: { ...get().urls, [attachment.fileId]: null } });
        void client.call('files.read', { fileId: attachment.fileId }).then((result) => {
          // A failed read may be tried again when the message is shown again (back online).
          if (!result.ok) asked.delete(attachment.fileId);
          else set({ urls: { ...get().urls, [attachment.fileId]: blobUrlOf(result.value.bytes, result.value.mediaType) } });
        });
      },

      dismiss() {
        set({ refusal: null });
      },
    };
  });
}
