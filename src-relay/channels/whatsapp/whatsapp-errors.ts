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
  132000: 'template-rejected', // Number of parameters does not match the expected number of params
  132001: 'template-rejected', // Template does not exist (in this language) or is not approved
  132005: 'template-rejected', // Translated text too long
  132007: 'template-rejected', // Template format character policy violated
  132012: 'template-rejected', // Parameter format mismatch
  132015: 'template-rejected', // Template is paused (low quality)
  132016: 'template-rejected', // Template is disabled
  132018: 'template-rejected', // Issue with the parameters (new lines, tabs, more than 4 spaces)
};

/** Codes Meta documents as temporary: throttling and its own outages. */
const RETRYABLE = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

export function failureOfWhatsAppCode(code: number): ChannelFailure {
  return FAILURES[code] ?? 'rejected';
}

export function isRetryableWhatsAppCode(code: number): boolean {
  return RETRYABLE.has(code);
}
