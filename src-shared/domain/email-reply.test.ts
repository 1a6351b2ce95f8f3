import { describe, expect, it } from 'vitest';
import { bareSubject, EmailReply, forwardSubjectLine, parseAddressField, replySubjectLine } from './email-reply.js';

describe('an email reply’s fields', () => {
  it('splits an address field on commas, semicolons and spaces, lower-cased, each once', () => {
    expect(parseAddressField(' Kim@Example.com; ops@example.com,  kim@example.com <lee@example.org>')).toEqual({ ok: true, addresses: ['kim@example.com', 'ops@example.com', 'lee@example.org'] });
    expect(parseAddressField('Lee Chan <Lee@Example.org>, "Ops, night" <ops@acme.test>\nboss@acme.test')).toEqual({ ok: true, addresses: ['lee@example.org', 'ops@acme.test', 'boss@acme.test'] });
    expect(parseAddressField('')).toEqual({ ok: true, addresses: [] });
  });

  it('names the parts that are not addresses', () => {
    expect(parseAddressField('kim@example.com, kim@, @example.com, hello')).toEqual({ ok: false, invalid: ['kim@', '@example.com', 'hello'] });
  });

  it('refuses more than 20 copies', () => {
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@example.com`).join(',');
    expect(parseAddressField(many)).toEqual({ ok: false, invalid: ['p20@example.com'] });
    expect(EmailReply.safeParse({ cc: many.split(',') }).success).toBe(false);
  });

  it('checks the whole with one schema: an empty subject, a bad copy, a forward with a quote, an unknown key', () => {
    expect(EmailReply.parse({ subject: ' Re: Order 42 ', cc: ['Kim@Example.com'], quote: true })).toEqual({ subject: 'Re: Order 42', cc: ['kim@example.com'], quote: true });
    expect(EmailReply.safeParse({ subject: '  ' }).error?.issues[0]?.message).toBe('A subject is required.');
    expect(EmailReply.safeParse({ bcc: ['not an address'] }).success).toBe(false);
    expect(EmailReply.safeParse({ forward: { messageId: 'm1', to: 'ops@example.com' }, quote: true }).success).toBe(false);
    expect(EmailReply.safeParse({ forward: { messageId: 'm1', to: 'ops@example.com' } }).success).toBe(true);
    expect(EmailReply.safeParse({ replyAll: true }).success).toBe(false);
  });

  it('makes one "Re:" or "Fwd:" whatever prefixes and tag the subject had', () => {
    expect(replySubjectLine('RE: AW: 回复：Invoice [#K7Q2MXAB]')).toBe('Re: Invoice');
    expect(replySubjectLine('')).toBe('Re: (no subject)');
    expect(forwardSubjectLine('Re: Broken kettle [#K7Q2MXAB]')).toBe('Fwd: Broken kettle');
    expect(bareSubject('返信: 注文')).toBe('注文');
  });
});
