import { WhatsAppErrorAnswer, WhatsAppPhoneNumber } from '../../../src-shared/protocol/channels/whatsapp.js';
import type { ConnectionCheck, ProviderApi } from '../port/channel-adapter.js';
import { getJson } from '../port/provider-call.js';
import type { WhatsAppCredentials } from './whatsapp-credentials.js';

/**
 * The administrator's "test connection": GET {graph}/{version}/{phone-number-id} with the access
 * token, which answers the number's verified name and display number when the token may use it.
 * (The app secret and verify token are tested by Meta's own calls: the handshake and the first webhook.)
 */
export async function checkWhatsAppConnection(credentials: WhatsAppCredentials, api: ProviderApi): Promise<ConnectionCheck> {
  const answer = await getJson(api, `/${credentials.graphVersion}/${encodeURIComponent(credentials.phoneNumberId)}`, { authorization: `Bearer ${credentials.accessToken}` });
  if (!answer.ok) return { ok: false, error: `WhatsApp could not be reached: ${answer.detail}.` };
  if (answer.status === 200) {
    const number = WhatsAppPhoneNumber.safeParse(answer.body);
    if (!number.success || number.data.id !== credentials.phoneNumberId) return { ok: false, error: 'WhatsApp answered with something other than this phone number.' };
    const name = [number.data.verified_name, number.data.display_phone_number && `(${number.data.display_phone_number})`].filter(Boolean).join(' ');
    return { ok: true, accountName: name || number.data.id };
  }
  const refused = WhatsAppErrorAnswer.safeParse(answer.body);
  if (!refused.success) return { ok: false, error: `WhatsApp answered HTTP ${answer.status}.` };
  const { code, message } = refused.data.error;
  return { ok: false, error: `${adviceFor(code)} (WhatsApp error ${code}: ${message ?? 'no message'})` };
}

function adviceFor(code: number): string {
  if (code === 190) return 'Meta does not take this access token: it has expired or been revoked. Generate a new one for the system user.';
  if (code === 100 || code === 803) return 'Meta knows no phone number with this ID that this token may use. Check the phone number ID under WhatsApp > API Setup.';
  if (code === 10 || code === 200) return 'This token lacks the permission whatsapp_business_messaging for this number.';
  return 'Meta refused the test.';
}
