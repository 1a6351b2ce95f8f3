import { describe, expect, it } from 'vitest';
import { EMPTY_EMAIL_DRAFT, emailFieldsOf, prefilledSubject } from './email-fields.js';

describe("the email composer's fields", () => {
  it('prefills "Re: <subject>" once, without our tag', () => {
    expect(prefilledSubject('Re: Broken kettle [#K7Q2MXAB]')).toBe('Re: Broken kettle');
    expect(prefilledSubject(null)).toBe('');
  });

  it('sends only what the agent set: the quote when there is a mail to quote, an edited subject, the copies', () => {
    expect(emailFieldsOf(EMPTY_EMAIL_DRAFT, true)).toEqual({ ok: true, email: { quote: true } });
    expect(emailFieldsOf({ subject: 'New kettle', cc: 'Lee@Example.org; ops@acme.test', bcc: 'boss@acme.test', quote: false }, true)).toEqual({
      ok: true,
      email: { subject: 'New kettle', cc: ['lee@example.org', 'ops@acme.test'], bcc: ['boss@acme.test'] },
    });
  });

  it('asks for a subject for a new mail, with no mail of the customer’s to answer', () => {
    expect(emailFieldsOf(EMPTY_EMAIL_DRAFT, false)).toEqual({ ok: false, errors: { subject: true, cc: [], bcc: [] } });
    expect(emailFieldsOf({ ...EMPTY_EMAIL_DRAFT, subject: 'Your order 42' }, false)).toEqual({ ok: true, email: { subject: 'Your order 42' } });
  });

  it('names what to fix: an emptied subject, the parts of CC and BCC that are not addresses', () => {
    expect(emailFieldsOf({ subject: ' ', cc: 'lee@example.org, lee@', bcc: 'boss', quote: true }, true)).toEqual({ ok: false, errors: { subject: true, cc: ['lee@'], bcc: ['boss'] } });
  });
});
