import { maskPersonalData } from './mask-personal-data.js';
import type { PersonalDataKind } from './personal-data-kinds.js';
import { mayHoldAny } from './worth-masking.js';

/** A long number cut off at the end of a preview passes no check any more; its digits go all the same. */
const CUT_NUMBER = /[\d\p{Nd}][\d\p{Nd} .-]{4,}…$/u;

/** A conversation's preview (the last message, cut to a length) with the given kinds masked, and no digits of a number it cut. */
export function maskPreview(preview: string, kinds: ReadonlySet<PersonalDataKind>): string {
  if (kinds.size === 0) return preview;
  const masked = mayHoldAny(preview, kinds) ? maskPersonalData(preview, kinds).text : preview;
  return masked.replace(CUT_NUMBER, '•••…');
}
