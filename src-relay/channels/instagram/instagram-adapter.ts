import { INSTAGRAM_RULES } from '../../../src-shared/domain/channel-rules.js';
import { fetchGraphMedia, sendGraphFiles } from '../meta/graph-media.js';
import { checkGraphConnection, sendGraphText, type GraphSender } from '../meta/graph-send.js';
import { metaHandshake, metaSignatureValid } from '../meta/meta-signature.js';
import { jsonBody, type ChannelAdapter } from '../port/channel-adapter.js';
import { InstagramCredentials } from './instagram-credentials.js';
import { parseInstagramWebhook } from './instagram-webhook.js';

const sender = (credentials: InstagramCredentials): GraphSender => ({ provider: 'Instagram', accessToken: credentials.pageAccessToken, graphVersion: credentials.graphVersion });

/** Instagram Direct through the Messenger API for Instagram: Messenger's Send API and signed webhooks, Instagram's rules. */
export const instagramAdapter: ChannelAdapter<InstagramCredentials> = {
  provider: 'instagram',
  credentials: InstagramCredentials,
  rules: INSTAGRAM_RULES,
  defaultApiBaseUrl: 'https://graph.facebook.com',
  idempotentRetries: false,
  handshake: (query, credentials) => metaHandshake(query, credentials.verifyToken),
  verify: ({ rawBody, headers }, credentials) => metaSignatureValid(rawBody, headers['x-hub-signature-256'], credentials.appSecret),
  parse: (request, credentials) => jsonBody(request, (payload) => parseInstagramWebhook(payload, credentials.instagramAccountId)),
  fetchMedia: (media, credentials, api, maxBytes) => fetchGraphMedia(media, sender(credentials), api, maxBytes),
  send: (text, credentials, api) => (text.files?.length ? sendGraphFiles(text, sender(credentials), api, text.files) : sendGraphText(text, sender(credentials), api)),
  checkConnection: (credentials, api) => checkGraphConnection(sender(credentials), api),
};
