import { describe, expect, it } from 'vitest';
import { ourMessageIdIn, outboundMessageId, replyAddress, replySubject, replyTokenIn, subjectTagIn } from './email-identifiers.js';
import { withoutReplyPrefixes } from '../../../src-shared/domain/email-reply.js';

describe('the names the relay gives its mail', () => {
  const id = '3f2b8c4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

  it('makes the same Message-ID for the same reply, and reads our id back only from its own shape', () => {
    expect(outboundMessageId(id, 'acme.test')).toBe(`<${id}@acme.test>`);
    expect(ourMessageIdIn(outboundMessageId(id, 'acme.test'))).toBe(id);
    expect(ourMessageIdIn('<CAF=k2Jx9p0@mail.gmail.com>')).toBeNull();
    expect(ourMessageIdIn(`<x${id}@acme.test>`)).toBeNull();
  });

  it("finds the reply token only in this mailbox's plus address", () => {
    expect(replyAddress('support@acme.test', 'k7q2mxab9z3c')).toBe('support+k7q2mxab9z3c@acme.test');
    expect(replyTokenIn('support@acme.test', ['Support+K7Q2MXAB9Z3C@ACME.test'])).toBe('k7q2mxab9z3c');
    expect(replyTokenIn('support@acme.test', ['sales+k7q2mxab9z3c@acme.test', 'support+k7q2mxab9z3c@other.test'])).toBeNull();
    expect(replyTokenIn('support@acme.test', ['support@acme.test'])).toBeNull();
  });

  it('keeps one "Re:" and one tag however many times the subject went back and forth', () => {
    expect(replySubject('Re: AW: 回复：Invoice [#K7Q2MXAB]', 'k7q2mxab9z3c')).toBe('Re: Invoice [#K7Q2MXAB]');
    expect(replySubject('', 'k7q2mxab9z3c')).toBe('Re: (no subject) [#K7Q2MXAB]');
    expect(subjectTagIn('Re: password reset [#k7q2mxab]')).toBe('K7Q2MXAB');
    expect(subjectTagIn('Re: #42 invoice')).toBeNull();
    expect(withoutReplyPrefixes('RE : Fwd: 返信: 注文')).toBe('注文');
  });
});
