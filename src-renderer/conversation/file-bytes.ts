import { FILE_PART_BYTES } from '../../src-shared/api/files.js';
import { acceptedTypeNamed, acceptedTypeOfName, ATTACHMENTS_MAX, inMegabytes, limitFor, ACCEPTED_IN_WORDS } from '../../src-shared/domain/attachments.js';

/** Why a picked file may not go, as a catalogue key and its values; null when it may. */
export interface FileRefusal {
  key: 'attachments.unsupported' | 'attachments.empty' | 'attachments.tooLarge' | 'attachments.tooMany';
  values: Record<string, string>;
}

/** The relay's own limits (src-shared/domain/attachments.ts), checked before a byte is sent. */
export function refusalOf(file: { name: string; type: string; size: number }, alreadyAttached: number): FileRefusal | null {
  if (alreadyAttached >= ATTACHMENTS_MAX) return { key: 'attachments.tooMany', values: { max: String(ATTACHMENTS_MAX) } };
  const type = (file.type ? acceptedTypeNamed(file.type) : null) ?? acceptedTypeOfName(file.name);
  if (!type) return { key: 'attachments.unsupported', values: { name: file.name, accepted: ACCEPTED_IN_WORDS } };
  if (file.size === 0) return { key: 'attachments.empty', values: { name: file.name } };
  const limit = limitFor(type.kind);
  return file.size > limit ? { key: 'attachments.tooLarge', values: { name: file.name, limit: inMegabytes(limit), size: inMegabytes(file.size) } } : null;
}

/** The file's parts as the core takes them (`files.upload`): base64, FILE_PART_BYTES at a time. */
export async function* filePartsOf(file: Blob): AsyncGenerator<{ offset: number; part: string }> {
  for (let offset = 0; offset < file.size; offset += FILE_PART_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + FILE_PART_BYTES).arrayBuffer());
    yield { offset, part: base64Of(bytes) };
  }
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(binary);
}

/** A blob: URL for bytes the core sent as base64, typed as the relay typed them. */
export function blobUrlOf(base64: string, mediaType: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mediaType }));
}
