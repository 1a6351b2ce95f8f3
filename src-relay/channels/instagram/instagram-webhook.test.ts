import { describe, expect, it } from 'vitest';
import { parseInstagramWebhook } from './instagram-webhook.js';

const IG = '17841400000000001';
const IGSID = '6543210987654321';
const instagram = (events: unknown[], id = IG) => ({ object: 'instagram', entry: [{ id, time: 1, messaging: events }] });
const from = { sender: { id: IGSID }, recipient: { id: IG } };

describe('an Instagram messaging webhook', () => {
  it("gives the account's customer messages, not its echoes or removed messages", () => {
    const parsed = parseInstagramWebhook(
      instagram([
        { ...from, timestamp: 1_700_000_000_000, message: { mid: 'aWdf1', text: 'Merhaba' } },
        { ...from, timestamp: 1_700_000_000_100, message: { mid: 'aWdf1', is_deleted: true } },
        { sender: { id: IG }, recipient: { id: IGSID }, timestamp: 1_700_000_000_200, message: { mid: 'aWdf2', text: 'ours', is_echo: true } },
        { ...from, timestamp: 1_700_000_000_300, message: { mid: 'aWdf3', is_unsupported: true } },
      ]),
      IG,
    );
    expect(parsed.ok && parsed.webhook.messages.map((m) => [m.providerMessageId, m.body, m.displayName])).toEqual([
      ['aWdf1', 'Merhaba', 'Instagram user …4321'],
      ['aWdf3', '[unsupported message]', 'Instagram user …4321'],
    ]);
  });

  it('turns a read of a message into a read of it and those before it; there are no delivery receipts', () => {
    const parsed = parseInstagramWebhook(instagram([{ ...from, timestamp: 1_700_000_005_000, read: { mid: 'aWdf_out' } }]), IG);
    expect(parsed).toEqual({
      ok: true,
      webhook: { messages: [], statuses: [], watermarks: [{ externalUserId: IGSID, delivery: { state: 'read', at: 1_700_000_005_000, failure: null, detail: null }, upTo: { providerMessageId: 'aWdf_out' } }] },
    });
  });

  it("leaves out another account's entries and comment changes, and refuses a Page notification", () => {
    const empty = { ok: true, webhook: { messages: [], statuses: [], watermarks: [] } };
    expect(parseInstagramWebhook(instagram([{ ...from, timestamp: 1, message: { mid: 'x', text: 'hi' } }], '1'), IG)).toEqual(empty);
    expect(parseInstagramWebhook({ object: 'instagram', entry: [{ id: IG, changes: [{ field: 'comments', value: {} }] }] }, IG)).toEqual(empty);
    expect(parseInstagramWebhook({ object: 'page', entry: [] }, IG).ok).toBe(false);
  });
});
