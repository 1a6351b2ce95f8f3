import { startMetaGraphFake, type MetaFakeOptions, type MetaGraphFake } from '../messenger/meta-graph.js';

/**
 * A fake of the Messenger API for Instagram (and the Instagram API with Instagram Login, which
 * takes the same body at /v{N}/{ig-id}/messages): the same Graph Send API and signed webhooks as
 * Messenger (messenger/meta-graph.ts), with Instagram's differences:
 * - webhooks carry object "instagram", entry[].id is the Instagram professional account, senders
 *   are Instagram-scoped ids (IGSID);
 * - status callbacks: only reads (messaging_seen, read.mid); Instagram sends no delivery receipts;
 * - a text message is at most 1000 bytes of UTF-8;
 * - outside the 24-hour window (7 days with HUMAN_AGENT, the only tag) the error is code 10,
 *   subcode 2534022.
 * Docs followed:
 * - https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message
 * - https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook
 * - https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
 * - https://developers.facebook.com/docs/instagram-platform/webhooks (X-Hub-Signature-256, retries)
 */
export type InstagramFake = MetaGraphFake;

export function startInstagramFake(options: MetaFakeOptions): Promise<InstagramFake> {
  return startMetaGraphFake(options, {
    outsideWindowSubcode: 2534022,
    anytimeTags: [],
    textLimit: (text) => (Buffer.byteLength(text, 'utf8') > 1000 ? '(#100) Text message must be UTF-8 and less than 1000 bytes' : null),
  });
}
