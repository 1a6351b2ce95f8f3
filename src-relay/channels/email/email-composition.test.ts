import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import type { OutboundText, OutboundThread } from '../port/channel-adapter.js';
import { composeReply } from './email-composition.js';
import { EmailCredentials } from './email-credentials.js';

const credentials = EmailCredentials.parse({
  address: 'support@acme.test',
  fromName: 'Acme Support',
  signature: 'Acme Support',
  signatures: '[ja]\nアクメ サポート',
  smtpHost: 'smtp.acme.test',
  smtpUser: 'support@acme.test',
  smtpPassword: 'secret',
  directDelivery: 'on',
});

const thread: OutboundThread = {
  subject: 'Broken kettle',
  inReplyTo: '<kettle-1@example.com>',
  references: ['<kettle-1@example.com>'],
  replyToken: 'k7q2mxab9z3c',
  language: 'en',
  fields: null,
  quoted: null,
  forwarded: null,
};
const kimsMail = { from: 'Kim Lee <kim@example.com>', subject: 'Broken kettle', at: Date.UTC(2026, 11, 6, 9, 30), text: 'My kettle arrived broken.\n> an older quote' };
const text = (over: Partial<OutboundThread>): OutboundText => ({ messageId: '0b7f3c1e-1111-4222-8333-944455556666', recipient: 'kim@example.com', body: 'A new kettle is on its way.', thread: { ...thread, ...over } });

/** The mail as nodemailer writes it for the SMTP server: the bytes a recipient would see. */
async function raw(over: Partial<OutboundThread>): Promise<{ bytes: string; envelope: { to: string[] } }> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail(composeReply(text(over), credentials));
  return { bytes: (info.message as Buffer).toString('utf8'), envelope: info.envelope as { to: string[] } };
}

describe('an email reply as it goes out', () => {
  // That SMTP leaves the Bcc header out is checked against a real server (tests/email/email-composer.test.ts).
  it('puts CC in the headers and BCC in the envelope', async () => {
    const { bytes, envelope } = await raw({ fields: { cc: ['lee@example.org'], bcc: ['boss@acme.test'] } });
    const mail = await simpleParser(bytes);
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []).toEqual(['lee@example.org']);
    expect(envelope.to).toEqual(['kim@example.com', 'lee@example.org', 'boss@acme.test']);
  });

  it("keeps the agent's subject line, with the conversation's tag once", async () => {
    expect(composeReply(text({ fields: { subject: 'Re: Your replacement kettle' } }), credentials).subject).toBe('Re: Your replacement kettle [#K7Q2MXAB]');
    expect(composeReply(text({ fields: { subject: 'Kettle [#K7Q2MXAB]' } }), credentials).subject).toBe('Kettle [#K7Q2MXAB]');
    expect(composeReply(text({}), credentials).subject).toBe('Re: Broken kettle [#K7Q2MXAB]');
  });

  it("quotes the customer's last mail under the signature: an attribution and '> ' lines, a blockquote in HTML", async () => {
    const mail = composeReply(text({ fields: { quote: true }, quoted: kimsMail }), credentials);
    expect(mail.text).toBe('A new kettle is on its way.\n\n-- \nAcme Support\n\nOn Sun, 06 Dec 2026 09:30:00 GMT, Kim Lee <kim@example.com> wrote:\n> My kettle arrived broken.\n>> an older quote');
    expect(mail.html).toContain('<div>On Sun, 06 Dec 2026 09:30:00 GMT, Kim Lee &#60;kim@example.com&#62; wrote:</div><blockquote type="cite"');
    expect(mail.html).toContain('My kettle arrived broken.<br>\n&#62; an older quote</blockquote>');
    expect(composeReply(text({ fields: { quote: false } }), credentials).text).not.toContain('wrote:');
  });

  it("signs in the customer's language, else with the default", () => {
    expect(composeReply(text({ language: 'ja' }), credentials).text).toBe('A new kettle is on its way.\n\n-- \nアクメ サポート');
    expect(composeReply(text({ language: 'th' }), credentials).text).toBe('A new kettle is on its way.\n\n-- \nAcme Support');
  });

  it('forwards as a new thread: the mail under a heading, "Fwd:", no threading headers and no reply token', () => {
    const mail = composeReply({ ...text({ fields: { forward: { messageId: 'm1', to: 'ops@acme.test' } }, forwarded: kimsMail }), recipient: 'ops@acme.test' }, credentials);
    expect(mail.to).toBe('ops@acme.test');
    expect(mail.subject).toBe('Fwd: Broken kettle');
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
    expect(mail.replyTo).toBe('support@acme.test');
    expect(mail.text).toContain('---------- Forwarded message ---------\nFrom: Kim Lee <kim@example.com>\nDate: Sun, 06 Dec 2026 09:30:00 GMT\nSubject: Broken kettle\n\nMy kettle arrived broken.');
  });
});
