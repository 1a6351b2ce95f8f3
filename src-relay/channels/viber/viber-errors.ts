import type { ChannelFailure } from '../../../src-shared/domain/model.js';

/**
 * send_message's statuses (https://developers.viber.com/docs/api/rest-bot-api/#error-codes) that
 * explain why a message did not go, by what the agent is told. A status not listed is a refusal
 * of another kind (bad data, the bot blocked, suspended or without a webhook).
 */
const FAILURES: Record<number, ChannelFailure> = {
  5: 'invalid-recipient', // receiverNotRegistered
  6: 'unsubscribed', // receiverNotSubscribed: the user is not (or no longer) subscribed to the bot
  11: 'undeliverable', // receiverNoSuitableDevice
  23: 'quota-exceeded', // freeMessagesExceeded
  24: 'quota-exceeded', // noBalance
};

/** tooManyRequests: it passes. */
const RETRYABLE = new Set([12]);

/** What an administrator can do about a refusal of their own setup. */
const HINTS: Record<number, string> = {
  2: 'check the bot\'s authentication token',
  10: 'the bot has no webhook: set it with set_webhook (docs/channels.md, "Viber")',
};

export function failureOfViberStatus(status: number): ChannelFailure {
  return FAILURES[status] ?? 'rejected';
}

export function isRetryableViberStatus(status: number): boolean {
  return RETRYABLE.has(status);
}

export function viberDetail(status: number, statusMessage: string): string {
  const hint = HINTS[status];
  return `Viber status ${status}: ${statusMessage}${hint ? ` (${hint})` : ''}`.slice(0, 500);
}
