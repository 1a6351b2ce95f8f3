import { describe, expect, it } from 'vitest';
import { decodeCallMessage } from './call-relay.js';
import { decodeAnnouncement, encodeAnnouncement, type AnnouncedDesk } from './desk-announcement.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const desk: AnnouncedDesk = { agentId: 'ann', tenantId: 'acme', presence: 'available', reason: null, until: null, onCall: false, translation: [{ source: 'th', target: 'en' }] };

describe('what nodes tell each other of desks and calls', () => {
  it('reads an announcement back, and an empty one as a goodbye', () => {
    expect(decodeAnnouncement(bytes(encodeAnnouncement({ node: 'n1', desks: [desk] })))).toEqual({ node: 'n1', desks: [desk] });
    expect(decodeAnnouncement(bytes(JSON.stringify({ node: 'n1', desks: [], later: 'ignored' })))).toEqual({ node: 'n1', desks: [] });
    // A node that predates translation reports: its desks translate nothing, as far as routing knows.
    const { translation: _translation, ...older } = desk;
    expect(decodeAnnouncement(bytes(JSON.stringify({ node: 'n1', desks: [older] })))).toEqual({ node: 'n1', desks: [{ ...older, translation: [] }] });
  });

  it("reads a change made for another node's desk", () => {
    const news = { node: 'n1', changed: { agentId: 'ann', tenantId: 'acme' } };
    expect(decodeAnnouncement(bytes(encodeAnnouncement(news)))).toEqual(news);
    expect(decodeAnnouncement(bytes(JSON.stringify({ node: 'n1', changed: { agentId: 'ann' } })))).toBeNull();
  });

  it('drops what is not an announcement, without throwing', () => {
    expect(decodeAnnouncement(bytes('not json'))).toBeNull();
    expect(decodeAnnouncement(bytes(JSON.stringify({ node: '', desks: [] })))).toBeNull();
    expect(decodeAnnouncement(bytes(JSON.stringify({ node: 'n1', desks: [{ ...desk, presence: 'asleep' }] })))).toBeNull();
    expect(decodeAnnouncement(bytes(JSON.stringify({ node: 'n1', desks: [{ ...desk, agentId: 7 }] })))).toBeNull();
    expect(decodeAnnouncement(new Uint8Array(2 * 1024 * 1024))).toBeNull();
  });

  it('reads call frames between nodes with the voice schemas, and drops the rest', () => {
    const answer = { kind: 'from-desk', from: 'n2', agentId: 'ann', frame: { type: 'call.answer', callId: 'call-0001' } };
    expect(decodeCallMessage(bytes(JSON.stringify(answer)))).toEqual(answer);
    expect(decodeCallMessage(bytes(JSON.stringify({ ...answer, frame: { type: 'call.answer', callId: 'x' } })))).toBeNull();
    expect(decodeCallMessage(bytes(JSON.stringify({ ...answer, kind: 'to-desk' })))).toBeNull();
    expect(decodeCallMessage(bytes('{'))).toBeNull();
  });
});
