import { VIBER_RULES } from '../../../src-shared/domain/channel-rules.js';
import type { ChannelAdapter } from '../port/channel-adapter.js';
import { parseViberCallback, viberSignatureValid } from './viber-callback.js';
import { ViberCredentials } from './viber-credentials.js';
import { checkViberConnection, sendViberText } from './viber-sender.js';
import { fetchViberMedia, sendViberFiles } from './viber-media.js';

/** Viber through the REST Bot API (chatapi.viber.com/pa). */
export const viberAdapter: ChannelAdapter<ViberCredentials> = {
  provider: 'viber',
  credentials: ViberCredentials,
  rules: VIBER_RULES,
  defaultApiBaseUrl: 'https://chatapi.viber.com',
  idempotentRetries: false,
  verify: ({ rawBody, headers }, credentials) => viberSignatureValid(rawBody, headers['x-viber-content-signature'], credentials.authToken),
  parse: ({ rawBody }) => parseViberCallback(rawBody),
  fetchMedia: fetchViberMedia,
  send: (text, credentials, api) => (text.files?.length ? sendViberFiles(text, credentials, api, text.files) : sendViberText(text, credentials, api)),
  checkConnection: checkViberConnection,
};
