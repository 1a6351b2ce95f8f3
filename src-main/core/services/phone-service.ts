import { TWILIO_CONNECT_SOURCES, sipConnectSource } from '../../../src-shared/protocol/phone-settings.js';
import type { Agent } from '../../../src-shared/domain/model.js';
import type { Cache } from '../../store/cache.js';
import type { SecretBox } from '../../store/phone-settings-store.js';
import type { ApiHandlers } from '../api-router.js';
import { requestTwilioToken, requestTwilioTransfer } from '../relay-http.js';

export type PhoneHandlers = Pick<ApiHandlers, 'phone.sipAccount' | 'phone.saveSipAccount' | 'phone.twilioToken' | 'phone.twilioTransfer'>;

interface PhoneDeps {
  cache: Cache;
  relayUrl: string;
  box: SecretBox;
  agent: () => Agent;
  token: () => string;
}

/** The softphone's providers: the agent's SIP account on this desk, and Twilio tokens and transfers through the relay. */
export function phoneHandlers({ cache, relayUrl, box, agent, token }: PhoneDeps): PhoneHandlers {
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
