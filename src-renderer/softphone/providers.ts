import type { TwilioTransferRequest } from '../../src-shared/protocol/twilio-voice.js';
import type { ApiClient } from '../state/api-client.js';
import type { SoftphoneStore } from './softphone-store.js';

/**
 * Adds the providers this agent has: their SIP account on this desk, and Twilio when the relay has
 * it set up. Each SDK is loaded only when it is used, so a desk without them never downloads them.
 */
export async function addPhoneProviders(client: ApiClient, softphone: SoftphoneStore): Promise<void> {
  const sip = await client.call('phone.sipAccount', {});
  if (sip.ok && sip.value.account) {
    const { createSipAdapter } = await import('./sip-adapter.js');
    await softphone.getState().addAdapter(createSipAdapter(sip.value.account));
  }
  const twilio = await client.call('phone.twilioToken', {});
  if (twilio.ok) {
    const { createTwilioAdapter } = await import('./twilio-adapter.js');
    await softphone.getState().addAdapter(createTwilioAdapter({ fetchToken: () => twilioToken(client), transfer: (request) => twilioTransfer(client, request) }));
  }
}

async function twilioToken(client: ApiClient): Promise<string> {
  const result = await client.call('phone.twilioToken', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value.token;
}

/** The relay's (or Twilio's) reason for a refusal becomes the Error the softphone shows. */
async function twilioTransfer(client: ApiClient, request: TwilioTransferRequest): Promise<void> {
  const result = await client.call('phone.twilioTransfer', request);
  if (!result.ok) throw new Error(result.error.message);
}
