import { WHATSAPP_RULES } from '../../../src-shared/domain/channel-rules.js';
import { jsonBody, type ChannelAdapter } from '../port/channel-adapter.js';
import { metaHandshake, metaSignatureValid } from '../meta/meta-signature.js';
import { parseWhatsAppNotification } from './notification.js';
import { checkWhatsAppConnection } from './whatsapp-connection.js';
import { WhatsAppCredentials } from './whatsapp-credentials.js';
import { fetchWhatsAppMedia, sendWhatsAppFiles } from './whatsapp-media.js';
import { sendWhatsAppText } from './whatsapp-sender.js';
import { listWhatsAppTemplates } from './whatsapp-templates.js';

/** WhatsApp through Meta's Cloud API. */
export const whatsAppAdapter: ChannelAdapter<WhatsAppCredentials> = {
  provider: 'whatsapp',
  credentials: WhatsAppCredentials,
  rules: WHATSAPP_RULES,
  defaultApiBaseUrl: 'https://graph.facebook.com',
  idempotentRetries: false,
  handshake: (query, credentials) => metaHandshake(query, credentials.verifyToken),
  verify: ({ rawBody, headers }, credentials) => metaSignatureValid(rawBody, headers['x-hub-signature-256'], credentials.appSecret),
  parse: (request, credentials) => jsonBody(request, (payload) => parseWhatsAppNotification(payload, credentials.phoneNumberId)),
  fetchMedia: fetchWhatsAppMedia,
  send: (text, credentials, api) => (text.files?.length ? sendWhatsAppFiles(text, credentials, api, text.files) : sendWhatsAppText(text, credentials, api)),
  checkConnection: checkWhatsAppConnection,
  listTemplates: listWhatsAppTemplates,
};
