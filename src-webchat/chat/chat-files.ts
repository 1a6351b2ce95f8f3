import { acceptedTypeNamed, acceptedTypeOfName, inMegabytes, limitFor, type AcceptedType } from '../../src-shared/domain/attachments.js';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { CHAT_FILES_PATH, FILE_NAME_HEADER, FileUploaded } from '../../src-shared/protocol/files.js';
import type { ChatText } from './strings.js';

/**
 * The customer's files: checked here against the relay's limits before any byte is sent (the
 * relay checks again, from the bytes), uploaded with the visitor token, and shown from bytes
 * fetched with it. Files are never linked by address: the token has to go in a header, so the
 * page fetches them and shows them as blob: URLs (the page's CSP allows blob: images).
 */

/** null when the file may go; else why not, in the customer's language. */
export function fileRefusal(file: File, text: ChatText): string | null {
  const type: AcceptedType | null = (file.type && acceptedTypeNamed(file.type)) || acceptedTypeOfName(file.name);
  if (!type) return text.fileUnsupported.replace('{name}', file.name);
  if (file.size === 0) return text.fileEmpty.replace('{name}', file.name);
  const limit = limitFor(type.kind);
  return file.size > limit ? text.fileTooLarge.replace('{name}', file.name).replace('{limit}', inMegabytes(limit)) : null;
}

/** The relay's record of the upload; throws with the relay's own words when it refuses. */
export async function uploadFile(file: File, visitorToken: string): Promise<FileUploaded> {
  const response = await fetch(CHAT_FILES_PATH, {
    method: 'POST',
    headers: { authorization: `Bearer ${visitorToken}`, [FILE_NAME_HEADER]: encodeURIComponent(file.name), ...(file.type ? { 'content-type': file.type } : {}) },
    body: file,
  });
  const answer: unknown = await response.json().catch(() => null);
  if (response.status === 201) return FileUploaded.parse(answer);
  const refusal = (answer as { error?: { message?: unknown } } | null)?.error?.message;
  throw new Error(typeof refusal === 'string' ? refusal : `HTTP ${response.status}`);
}

/** Each file of a message: an image shown inline, anything else a link that downloads it. */
export function attachmentList(attachments: readonly MessageAttachment[], visitorToken: () => string | undefined): HTMLElement {
  const list = document.createElement('div');
  list.className = 'attachments';
  for (const attachment of attachments) list.appendChild(attachmentItem(attachment, visitorToken));
  return list;
}

function attachmentItem(attachment: MessageAttachment, visitorToken: () => string | undefined): HTMLElement {
  const label = `${attachment.name} (${inMegabytes(attachment.size)})`;
  if (attachment.kind === 'image') {
    const image = document.createElement('img');
    image.className = 'attachment-image';
    image.alt = attachment.name;
    image.setAttribute('data-testid', 'chat-attachment-image');
    void blobUrlOf(attachment, visitorToken()).then((url) => url && (image.src = url));
    return image;
  }
  const link = document.createElement('a');
  link.className = 'attachment-file';
  link.setAttribute('data-testid', 'chat-attachment-file');
  link.textContent = label;
  link.download = attachment.name;
  link.href = '#';
  void blobUrlOf(attachment, visitorToken()).then((url) => url && (link.href = url));
  return link;
}

/** A file's bytes as a blob: URL, or null when they cannot be had (the link then stays inert). */
async function blobUrlOf(attachment: MessageAttachment, visitorToken: string | undefined): Promise<string | null> {
  if (!visitorToken) return null;
  try {
    const response = await fetch(`${CHAT_FILES_PATH}/${attachment.fileId}`, { headers: { authorization: `Bearer ${visitorToken}` } });
    if (!response.ok) return null;
    // The type is the relay's (checked from the bytes), never what the file's name says.
    return URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: attachment.mediaType }));
  } catch {
    return null;
  }
}
