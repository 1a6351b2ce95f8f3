import { TWILIO_CONNECT_SOURCES, sipConnectSource } from '../../../src-shared/protocol/phone-settings.js';
import type { Cache } from '../../store/cache.js';
import type { SecretBox } from '../../store/phone-settings-store.js';
import type { NamespaceHandlers } from '../api-router.js';
import { requestTwilioToken, requestTwilioTransfer } from '../relay-http.js';
import type { CoreParts } from './core-parts.js';

export type PhoneHandlers = NamespaceHandlers<'phone'>;

/**
 * The softphone's providers: the agent's SIP account on this desk (its password sealed by `box`),
 * and Twilio tokens and transfers through the relay.
 */
export function phoneHandlers({ cache, relayUrl, guards }: CoreParts, box: SecretBox): PhoneHandlers {
  const agent = () => guards.requireAgent();
  const token = () => guards.signInToken('Sign in again to use the phone.');
  return {
    'phone.sipAccount': async () => ({ account: cache.phoneSettings.sipAccount(agent().id, box) }),
    'phone.saveSipAccount': async ({ account }) => {
      cache.phoneSettings.saveSipAccount(agent().id, account, box);
      return {};
    },
    'phone.twilioToken': () => requestTwilioToken(relayUrl, token()),
    'phone.twilioTransfer': async (transfer) => {
      await requestTwilioTransfer(relayUrl, token(), transfer);
      return {};
    },
  };
}

/** What connect-src must allow for the signed-in agent's softphone: Twilio's hosts and their PBX. */
export function phoneConnectSources(cache: Cache, agentId: string | null, box: SecretBox): string[] {
  const sip = agentId ? sipConnectSource(cache.phoneSettings.sipAccount(agentId, box)) : null;
  return [...TWILIO_CONNECT_SOURCES, ...(sip ? [sip] : [])];
}
