import { startMetaGraphFake, type MetaFakeOptions, type MetaGraphFake } from './meta-graph.js';

/**
 * A fake Messenger Platform: the Graph Send API for a Page, its webhooks signed with the app
 * secret (X-Hub-Signature-256), media for inbound attachments, and Meta's redelivery. The doc
 * pages it follows are listed in meta-graph.ts (the part Instagram shares) and payloads.ts.
 *
 *   const fake = await startMessengerFake({ appSecret, accessToken: pageAccessToken });
 *   relay account: graph API base = fake.apiBaseUrl
 *   await fake.deliver(messengerText({ pageId, psid, text: 'Hi' }), { webhookUrl });
 *   fake.sent[0].query.access_token, fake.sent[0].body  // { recipient, messaging_type, message }
 *   await fake.deliver(messengerDelivered({ pageId, psid, mids: [mid] }), { webhookUrl });
 */
export type MessengerFake = MetaGraphFake;

export function startMessengerFake(options: MetaFakeOptions): Promise<MessengerFake> {
  return startMetaGraphFake(options, {
    outsideWindowSubcode: 2018278,
    // Message tags Messenger allows outside the 24-hour window besides HUMAN_AGENT.
    anytimeTags: ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE'],
    // A text message is at most 2000 characters.
    textLimit: (text) => (text.length > 2000 ? '(#100) Length of param message[text] must be less than or equal to 2000' : null),
  });
}
