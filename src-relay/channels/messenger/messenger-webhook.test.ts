import { describe, expect, it } from 'vitest';
import { failureOfGraphError, isRetryableGraphError } from '../meta/graph-errors.js';
import { parseMessengerWebhook } from './messenger-webhook.js';

const PAGE = '1122334455';
const PSID = '24680135792468';
const page = (events: unknown[], id = PAGE) => ({ object: 'page', entry: [{ id, time: 1, messaging: events }] });
const from = { sender: { id: PSID }, recipient: { id: PAGE } };

describe('a Messenger webhook', () => {
  it("gives the Page's customer messages by mid, attachments to fetch, echoes of its own sends left out", () => {
    const parsed = parseMessengerWebhook(
      page([
        { ...from, timestamp: 1_700_000_000_123, message: { mid: 'm_1', text: 'Olá' } },
        { ...from, timestamp: 1_700_000_000_200, message: { mid: 'm_2', attachments: [{ type: 'image', payload: { url: 'https://x' } }] } },
        { sender: { id: PAGE }, recipient: { id: PSID }, timestamp: 1_700_000_000_300, message: { mid: 'm_3', text: 'our reply', is_echo: true, app_id: 1 } },
        { ...from, timestamp: 1_700_000_000_400, postback: { payload: 'GET_STARTED' } },
      ]),
      PAGE,
    );
    expect(parsed).toEqual({
      ok: true,
      webhook: {
        messages: [
          { providerMessageId: 'm_1', externalUserId: PSID, displayName: 'Messenger user …2468', language: null, body: 'Olá', sentAt: 1_700_000_000_123 },
          // A file to fetch: named by its kind (the URL has no file name), typed later from its bytes.
          { providerMessageId: 'm_2', externalUserId: PSID, displayName: 'Messenger user …2468', language: null, body: 'image', sentAt: 1_700_000_000_200, media: [{ ref: 'https://x', name: 'image', mediaType: null, size: null }] },
        ],
        statuses: [],
        watermarks: [],
      },
    });
  });

  it('turns deliveries (with or without mids) and reads into watermarks for the customer', () => {
    const parsed = parseMessengerWebhook(page([{ ...from, delivery: { mids: ['m_out'], watermark: 1_700_000_001_000 } }, { ...from, timestamp: 5, read: { watermark: 1_700_000_002_000 } }]), PAGE);
    const delivered = { state: 'delivered', at: 1_700_000_001_000, failure: null, detail: null };
    expect(parsed).toEqual({
      ok: true,
      webhook: {
        messages: [],
        statuses: [{ providerMessageId: 'm_out', delivery: delivered }],
        watermarks: [
          { externalUserId: PSID, delivery: delivered, upTo: { at: 1_700_000_001_000 } },
          { externalUserId: PSID, delivery: { state: 'read', at: 1_700_000_002_000, failure: null, detail: null }, upTo: { at: 1_700_000_002_000 } },
        ],
      },
    });
  });

  it("leaves out another Page's entries, and refuses what is not a Page notification", () => {
    expect(parseMessengerWebhook(page([{ ...from, timestamp: 1, message: { mid: 'm_9', text: 'hi' } }], '999'), PAGE)).toEqual({ ok: true, webhook: { messages: [], statuses: [], watermarks: [] } });
    expect(parseMessengerWebhook({ object: 'instagram', entry: [] }, PAGE).ok).toBe(false);
    expect(parseMessengerWebhook(page([{ sender: {}, message: { mid: 'm' } }]), PAGE).ok).toBe(false);
    expect(parseMessengerWebhook(page([{ ...from, message: { mid: 'm_10', text: 'no time' } }]), PAGE).ok).toBe(false);
  });
});

describe("the Send API's errors", () => {
  it('tell the agent the window closed, the person is unavailable or unknown; temporary ones are retried', () => {
    expect(failureOfGraphError({ code: 10, error_subcode: 2018278 })).toBe('outside-window');
    expect(failureOfGraphError({ code: 10, error_subcode: 2534022 })).toBe('outside-window');
    expect(failureOfGraphError({ code: 10 })).toBe('rejected');
    expect(failureOfGraphError({ code: 551, error_subcode: 1545041 })).toBe('unavailable');
    expect(failureOfGraphError({ code: 100, error_subcode: 2018001 })).toBe('invalid-recipient');
    expect(failureOfGraphError({ code: 190 })).toBe('rejected');
    expect([2, 1200, 4, 613].every((code) => isRetryableGraphError({ code }))).toBe(true);
    expect(isRetryableGraphError({ code: 10 })).toBe(false);
  });
});
