import {
  ACCEPTED_IN_WORDS,
  ACCEPTED_TYPES,
  acceptedTypeNamed,
  acceptedTypeOfName,
  inMegabytes,
  kindLimitInWords,
  limitFor,
  normalizedMediaType,
  type AcceptedType,
} from '../../src-shared/domain/attachments.js';
import { FileRefused, type DeclaredFile } from './file-store.js';

/** Longest name kept; longer ones are cut, keeping their ending. */
const NAME_MAX = 200;

/**
 * The accepted type of a file, from what its bytes were sniffed as (`detected`, as the file-type
 * package names it; undefined when nothing matched) and what the client declared. The bytes
 * decide; a declaration (media type, else the name's ending) only chooses between readings of the
 * same bytes (an MP4 with sound only is M4A audio), and one that contradicts them is refused.
 */
export function checkType(detected: string | undefined, declared: DeclaredFile): AcceptedType {
  const name = declared.name;
  if (!detected) throw new FileRefused('unsupported_type', `${name} is not a file the relay accepts: its bytes are no known image, document, audio or video. It accepts ${ACCEPTED_IN_WORDS}.`);
  const readings = ACCEPTED_TYPES.filter((type) => type.detectedAs.includes(detected));
  const [usual] = readings;
  if (!usual) throw new FileRefused('unsupported_type', `${name} is ${detected}, which the relay does not accept. It accepts ${ACCEPTED_IN_WORDS}.`);
  const declaredType = declared.mediaType === null ? '' : normalizedMediaType(declared.mediaType);
  if (declaredType !== '' && declaredType !== 'application/octet-stream') {
    const named = acceptedTypeNamed(declaredType);
    if (named && readings.includes(named)) return named;
    throw new FileRefused('type_mismatch', `${name} was sent as ${named?.label ?? declaredType}, but its bytes are ${usual.label}. Send it with its real type.`);
  }
  const byName = acceptedTypeOfName(name);
  if (!byName) return usual;
  if (readings.includes(byName)) return byName;
  throw new FileRefused('type_mismatch', `${name} is named like ${byName.label}, but its bytes are ${usual.label}. Rename it to end in .${usual.extensions[0] ?? 'bin'}.`);
}

/** Refuses a file over its kind's limit (or the relay's maximum), saying both sizes in MB. */
export function checkSize(type: AcceptedType, size: number, name: string, maxFileBytes: number): void {
  if (size > limitFor(type.kind, maxFileBytes)) {
    throw new FileRefused('too_large', `${name} is too large (${inMegabytes(size)}). ${kindLimitInWords(type.kind, maxFileBytes)}`);
  }
}

/** Said while the bytes are still arriving, before their kind is known. */
export function overMaximum(name: string, maxFileBytes: number): FileRefused {
  return new FileRefused('too_large', `${name} is too large: the relay takes files of at most ${inMegabytes(maxFileBytes)}.`);
}

export function emptyFile(name: string): FileRefused {
  return new FileRefused('empty', `${name} is empty.`);
}

/** The declared name without a path or control characters, cut to a sane length; a made-up one when nothing is left. */
export function cleanName(declared: string): string {
  const base = (declared.split(/[/\\]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim();
  if (base === '' || base === '.' || base === '..') return 'file';
  if (base.length <= NAME_MAX) return base;
  const ending = /\.[^.]{1,10}$/.exec(base)?.[0] ?? '';
  return base.slice(0, NAME_MAX - ending.length) + ending;
}
