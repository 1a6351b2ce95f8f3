/**
 * What an attachment may be, on every channel: the types the relay accepts (checked from the
 * bytes), their kind, and each kind's size limit. One place, so the relay's check, its errors and
 * a desk's composer say the same thing.
 */

export const ATTACHMENT_KINDS = ['image', 'document', 'audio', 'video'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A message carries at most this many files (WhatsApp and Telegram send one a message; the relay sends each in turn). */
export const ATTACHMENTS_MAX = 4;

/** 1 MB as the limits and their errors count it (providers' "5 MB" are MiB in practice). */
export const MB = 1024 * 1024;

/**
 * Each kind's limit, fitted to the strictest common provider: WhatsApp Cloud API takes images
 * up to 5 MB, audio and video up to 16 MB, documents up to 100 MB. A channel with lower limits
 * checks its own when it sends.
 */
export const KIND_LIMIT_BYTES: Readonly<Record<AttachmentKind, number>> = {
  image: 5 * MB,
  audio: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
};

/** The relay takes no file above this unless its operator sets RELAY_FILES_MAX_MB. */
export const DEFAULT_MAX_FILE_BYTES = 100 * MB;

/** A type the relay accepts. */
export interface AcceptedType {
  /** The media type stored and served. */
  mediaType: string;
  kind: AttachmentKind;
  /** Words for errors: "a PNG image". */
  label: string;
  /** What byte sniffing (the `file-type` package) calls these bytes. */
  detectedAs: readonly string[];
  /** Other names a client may declare for the same thing. */
  aliases: readonly string[];
  /** Name endings, lower case, without the dot; the first is the usual one. */
  extensions: readonly string[];
}

/**
 * Every accepted type. Order matters where the bytes alone cannot tell: an MP4 or WebM container
 * holds video or only sound, so bytes sniffed as `video/mp4` are a video unless the client
 * declares audio.
 */
export const ACCEPTED_TYPES: readonly AcceptedType[] = [
  { mediaType: 'image/jpeg', kind: 'image', label: 'a JPEG image', detectedAs: ['image/jpeg'], aliases: ['image/jpg', 'image/pjpeg'], extensions: ['jpg', 'jpeg'] },
  { mediaType: 'image/png', kind: 'image', label: 'a PNG image', detectedAs: ['image/png'], aliases: [], extensions: ['png'] },
  { mediaType: 'image/gif', kind: 'image', label: 'a GIF image', detectedAs: ['image/gif'], aliases: [], extensions: ['gif'] },
  { mediaType: 'image/webp', kind: 'image', label: 'a WebP image', detectedAs: ['image/webp'], aliases: [], extensions: ['webp'] },
  { mediaType: 'application/pdf', kind: 'document', label: 'a PDF document', detectedAs: ['application/pdf'], aliases: ['application/x-pdf'], extensions: ['pdf'] },
  { mediaType: 'audio/ogg', kind: 'audio', label: 'Ogg audio', detectedAs: ['audio/ogg; codecs=opus', 'audio/ogg'], aliases: ['audio/opus', 'audio/ogg; codecs=opus', 'application/ogg'], extensions: ['ogg', 'oga', 'opus'] },
  { mediaType: 'audio/mpeg', kind: 'audio', label: 'MP3 audio', detectedAs: ['audio/mpeg'], aliases: ['audio/mp3'], extensions: ['mp3'] },
  { mediaType: 'audio/aac', kind: 'audio', label: 'AAC audio', detectedAs: ['audio/aac'], aliases: ['audio/x-aac'], extensions: ['aac'] },
  { mediaType: 'audio/amr', kind: 'audio', label: 'AMR audio', detectedAs: ['audio/amr'], aliases: [], extensions: ['amr'] },
  { mediaType: 'video/mp4', kind: 'video', label: 'an MP4 video', detectedAs: ['video/mp4', 'video/x-m4v'], aliases: ['video/x-m4v'], extensions: ['mp4', 'm4v'] },
  { mediaType: 'audio/mp4', kind: 'audio', label: 'M4A audio', detectedAs: ['audio/x-m4a', 'audio/mp4', 'video/mp4'], aliases: ['audio/x-m4a', 'audio/m4a'], extensions: ['m4a'] },
  { mediaType: 'video/3gpp', kind: 'video', label: 'a 3GP video', detectedAs: ['video/3gpp'], aliases: [], extensions: ['3gp'] },
  { mediaType: 'audio/3gpp', kind: 'audio', label: '3GP audio', detectedAs: ['video/3gpp'], aliases: [], extensions: [] },
  { mediaType: 'video/webm', kind: 'video', label: 'a WebM video', detectedAs: ['video/webm'], aliases: [], extensions: ['webm'] },
  { mediaType: 'audio/webm', kind: 'audio', label: 'WebM audio', detectedAs: ['video/webm'], aliases: [], extensions: ['weba'] },
];

/** For errors: what the relay accepts, in words. */
export const ACCEPTED_IN_WORDS = 'images (JPEG, PNG, GIF, WebP), PDF documents, audio (Ogg/Opus, MP3, AAC, M4A, AMR) and video (MP4, 3GP, WebM)';

/** The accepted type a client's declared media type names (parameters and case ignored, except Ogg's codecs). */
export function acceptedTypeNamed(declared: string): AcceptedType | null {
  const name = normalizedMediaType(declared);
  return ACCEPTED_TYPES.find((type) => type.mediaType === name || type.aliases.includes(name)) ?? null;
}

/** The kind of a stored file's media type; a type the relay does not accept is a document, shown as a download. */
export function kindOfMediaType(mediaType: string): AttachmentKind {
  return acceptedTypeNamed(mediaType)?.kind ?? 'document';
}

/** The accepted type a file name's ending says, if it says one. */
export function acceptedTypeOfName(name: string): AcceptedType | null {
  const ending = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  return ending ? (ACCEPTED_TYPES.find((type) => type.extensions.includes(ending)) ?? null) : null;
}

/** Lower case, without parameters; `audio/ogg; codecs=opus` keeps its codec, as file-type names it. */
export function normalizedMediaType(mediaType: string): string {
  const lower = mediaType.trim().toLowerCase().replace(/\s*;\s*/g, '; ');
  return lower.startsWith('audio/ogg; codecs=opus') ? 'audio/ogg; codecs=opus' : (lower.split(';')[0] ?? '').trim();
}

/** The limit for a kind, under the relay's own maximum. */
export function limitFor(kind: AttachmentKind, maxFileBytes: number = DEFAULT_MAX_FILE_BYTES): number {
  return Math.min(KIND_LIMIT_BYTES[kind], maxFileBytes);
}

/** "5 MB", "0.5 MB", "16.1 MB": rounded up to a tenth, so a file just over a limit never reads as the limit. */
export function inMegabytes(bytes: number): string {
  return `${Math.ceil((bytes / MB) * 10) / 10} MB`;
}

const KIND_PLURAL: Readonly<Record<AttachmentKind, string>> = { image: 'Images', document: 'Documents', audio: 'Audio files', video: 'Videos' };

/** "Images may be at most 5 MB." */
export function kindLimitInWords(kind: AttachmentKind, maxFileBytes?: number): string {
  return `${KIND_PLURAL[kind]} may be at most ${inMegabytes(limitFor(kind, maxFileBytes))}.`;
}
