import { MESSENGER_RULES } from '../../../src-shared/domain/channel-rules.js';
import { fetchGraphMedia, sendGraphFiles } from '../meta/graph-media.js';
import { checkGraphConnection, sendGraphText, type GraphSender } from '../meta/graph-send.js';
import { metaHandshake, metaSignatureValid } from '../meta/meta-signature.js';
import { jsonBody, type ChannelAdapter } from '../port/channel-adapter.js';
import { MessengerCredentials } from './messenger-credentials.js';
import { parseMessengerWebhook } from './messenger-webhook.js';

const sender = (credentials: MessengerCredentials): GraphSender => ({ provider: 'Messenger', accessToken: credentials.pageAccessToken, graphVersion: credentials.graphVersion });

/** Facebook Messenger through the Messenger Platform (Graph Send API, Page webhooks). */
export const messengerAdapter: ChannelAdapter<MessengerCredentials> = {
  provider: 'messenger',
  credentials: MessengerCredentials,
  rules: MESSENGER_RULES,
  defaultApiBaseUrl: 'https://graph.facebook.com',
  idempotentRetries: false,
  handshake: (query, credentials) => metaHandshake(query, credentials.verifyToken),
  verify: ({ rawBody, headers }, credentials) => metaSignatureValid(rawBody, headers['x-hub-signature-256'], credentials.appSecret),
  parse: (request, credentials) => jsonBody(request, (payload) => parseMessengerWebhook(payload, credentials.pageId)),
  fetchMedia: (media, credentials, api, maxBytes) => fetchGraphMedia(media, sender(credentials), api, maxBytes),
  send: (text, credentials, api) => (text.files?.length ? sendGraphFiles(text, sender(credentials), api, text.files) : sendGraphText(text, sender(credentials), api)),
  checkConnection: (credentials, api) => checkGraphConnection(sender(credentials), api),
};
