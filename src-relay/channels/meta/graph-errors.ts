import type { ChannelFailure } from '../../../src-shared/domain/model.js';
import type { GraphError } from '../../../src-shared/protocol/channels/messenger.js';

/**
 * The Send API's error codes (Messenger Platform "Error codes", shared by Instagram), by what the
 * agent is told or whether to try again. Codes not listed are refusals of another kind (`rejected`).
 */

/** Meta's temporary failures: its outages (1, 2), rate limits (4, 17, 32, 613) and "temporary send message failure" (1200). */
const RETRYABLE = new Set([1, 2, 4, 17, 32, 613, 1200]);

/** Subcodes of code 10 ("permission denied") that mean the reply window has closed: Messenger's and Instagram's. */
const OUTSIDE_WINDOW = new Set([2018278, 2534022]);

/** Subcodes of code 100 ("invalid parameter") that mean the user is not (or no longer) there. */
const NO_SUCH_USER = new Set([2018001, 2534014]);

export function isRetryableGraphError(error: GraphError): boolean {
  return RETRYABLE.has(error.code);
}

export function failureOfGraphError(error: GraphError): ChannelFailure {
  const subcode = error.error_subcode ?? 0;
  if (error.code === 10 && OUTSIDE_WINDOW.has(subcode)) return 'outside-window';
  if (error.code === 551) return 'unavailable'; // "This person isn't available right now."
  if (error.code === 100 && NO_SUCH_USER.has(subcode)) return 'invalid-recipient';
  return 'rejected';
}

/** Meta's words, with the codes that let a developer look them up. */
export function detailOfGraphError(provider: string, error: GraphError): string {
  const code = error.error_subcode === undefined ? `${error.code}` : `${error.code}/${error.error_subcode}`;
  return `${provider} error ${code}: ${error.message ?? 'no details'}`.slice(0, 500);
}
