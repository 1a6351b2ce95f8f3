import { z } from 'zod';
import { SipAccount } from '../protocol/phone-settings.js';
import { TwilioTransferRequest, TwilioVoiceToken } from '../protocol/twilio-voice.js';
import { Empty } from './method-shapes.js';

export const phoneMethods = {
  /** The agent's SIP account on this desk (null: none), for the softphone to register with. */
  'phone.sipAccount': { input: Empty, output: z.object({ account: SipAccount.nullable() }) },
  /** Saves (or with null, removes) the agent's SIP account; the window reloads to let the PBX through its CSP. */
  'phone.saveSipAccount': { input: z.object({ account: SipAccount.nullable() }).strict(), output: Empty },
  /** A Twilio Voice access token from the relay; not_found when the company has no Twilio account. */
  'phone.twilioToken': { input: Empty, output: TwilioVoiceToken },
  /** Moves the customer's Twilio call (blind) to a colleague, a team's best free agent or an address; the relay's refusal comes back word for word. */
  'phone.twilioTransfer': { input: TwilioTransferRequest, output: Empty },
} as const;
