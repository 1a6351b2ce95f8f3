import type { ChannelFailure } from '../../../src-shared/domain/model.js';

/**
 * Twilio's error codes (https://www.twilio.com/docs/api/errors) that explain why an SMS was
 * refused or not delivered, by what the agent is told, with Twilio's title for the tooltip (a
 * status callback carries only the code). A code not listed is a refusal of another kind.
 */
const ERRORS: Record<number, { failure: ChannelFailure; title: string }> = {
  21610: { failure: 'unsubscribed', title: 'Attempt to send to unsubscribed recipient (the number replied STOP)' },
  21211: { failure: 'invalid-recipient', title: "Invalid 'To' phone number" },
  21614: { failure: 'invalid-recipient', title: "'To' number is not a valid mobile number" },
  21612: { failure: 'invalid-recipient', title: "The 'To' phone number is not currently reachable via SMS" },
  30005: { failure: 'invalid-recipient', title: 'Unknown destination handset' },
  30006: { failure: 'invalid-recipient', title: 'Landline or unreachable carrier' },
  30003: { failure: 'undeliverable', title: 'Unreachable destination handset' },
  30008: { failure: 'undeliverable', title: 'Unknown error' },
  30001: { failure: 'undeliverable', title: 'Queue overflow' },
  30009: { failure: 'undeliverable', title: 'Missing segment' },
  30004: { failure: 'blocked', title: 'Message blocked (the recipient or their carrier blocks this sender)' },
  30007: { failure: 'rejected', title: 'Message filtered by the carrier' },
  30034: { failure: 'rejected', title: 'Message from an unregistered number (US A2P 10DLC)' },
  30002: { failure: 'rejected', title: 'Account suspended' },
  21408: { failure: 'rejected', title: 'Permission to send an SMS has not been enabled for the region' },
  21606: { failure: 'rejected', title: "The 'From' phone number is not a valid, SMS-capable number of this account" },
  20003: { failure: 'rejected', title: 'Authentication failed: check the Account SID and Auth Token' },
};

/** Too many requests: Twilio's own throttling, which passes. */
export const TWILIO_RATE_LIMITED = 20429;

export function failureOfTwilioCode(code: number): ChannelFailure {
  return ERRORS[code]?.failure ?? 'rejected';
}

/** "Twilio error 21610: …", with Twilio's own words when it gave them, else its title for the code. */
export function twilioDetail(code: number, message?: string): string {
  const words = message?.trim() || ERRORS[code]?.title || 'see https://www.twilio.com/docs/errors/' + code;
  return `Twilio error ${code}: ${words}`.slice(0, 500);
}
