import type { SecretBox } from '../phone-settings-store.js';

/** A stand-in keychain that visibly changes what it seals. */
export const REVERSING_BOX: SecretBox = {
  seal: (secret) => `sealed:${[...secret].reverse().join('')}`,
  open: (sealed) => [...sealed.replace(/^sealed:/, '')].reverse().join(''),
};
