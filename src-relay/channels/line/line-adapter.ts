import { LINE_RULES } from '../../../src-shared/domain/channel-rules.js';
import { jsonBody, type ChannelAdapter } from '../port/channel-adapter.js';
import { LineCredentials } from './line-credentials.js';
import { checkLineConnection, sendLineText } from './line-sender.js';
import { lineSignatureValid, parseLineWebhook } from './line-webhook.js';
import { fetchLineMedia, sendLineFiles } from './line-media.js';

/** LINE through the Messaging API: pushes carry a retry key, so a send cut short is safely sent again. */
export const lineAdapter: ChannelAdapter<LineCredentials> = {
  provider: 'line',
  credentials: LineCredentials,
  rules: LINE_RULES,
  defaultApiBaseUrl: 'https://api.line.me',
  idempotentRetries: true,
  verify: ({ rawBody, headers }, credentials) => lineSignatureValid(rawBody, headers['x-line-signature'], credentials.channelSecret),
  parse: (request) => jsonBody(request, parseLineWebhook),
  fetchMedia: fetchLineMedia,
  fileDetails: { videoPreview: true, audioDuration: true },
  send: (text, credentials, api) => (text.files?.length ? sendLineFiles(text, credentials, api, text.files) : sendLineText(text, credentials, api)),
  checkConnection: checkLineConnection,
};
