import type { ChannelFailure } from '../../../src-shared/domain/model.js';

/**
 * Meta's error codes (WhatsApp Cloud API "Error codes") that a retry cannot fix, by what the agent
 * is told. Codes not listed here are either passing (rate limits, 5xx: see RETRYABLE) or refusals
 * of another kind (`rejected`).
 */
const FAILURES: Record<number, ChannelFailure> = {
  131047: 'outside-window', // Re-engagement message: more than 24 hours since the customer last replied
  131026: 'undeliverable', // Message undeliverable (not on WhatsApp, old app, terms not accepted)
  131030: 'invalid-recipient', // Recipient phone number not in allowed list (test numbers)
  131021: 'invalid-recipient', // Recipient cannot be sender
  131045: 'invalid-recipient', // Incorrect certificate / phone number not registered
  131031: 'rejected', // Business account locked
  131051: 'rejected', // Unsupported message type
  131052: 'undeliverable', // Media download error
};

/** Codes Meta documents as temporary: throttling and its own outages. */
const RETRYABLE = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

export function failureOfWhatsAppCode(code: number): ChannelFailure {
  return FAILURES[code] ?? 'rejected';
}

export function isRetryableWhatsAppCode(code: number): boolean {
  return RETRYABLE.has(code);
}
