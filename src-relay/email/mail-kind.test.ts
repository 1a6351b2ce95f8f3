import { describe, expect, it } from 'vitest';
import { kindOfMail } from './mail-kind.js';
import type { InboundMail } from './parse-mail.js';

function mail(headers: Record<string, string>, subject = 'Question', over: Partial<InboundMail> = {}): InboundMail {
  return {
    messageId: '<a@x>',
    inReplyTo: null,
    references: [],
    from: { address: 'kim@example.com', name: 'Kim' },
    replyTo: null,
    recipients: ['support@acme.test'],
    subject,
    sentAt: 0,
    text: 'Hello',
    html: null,
    headers: new Map(Object.entries(headers)),
    contentType: { value: 'text/plain', params: {} },
    reportParts: [],
    files: [],
    ...over,
  };
}

describe('what a mail is', () => {
  it('is a person writing unless a header or a vacation subject says a machine did', () => {
    expect(kindOfMail(mail({}))).toEqual({ kind: 'customer' });
    expect(kindOfMail(mail({ 'auto-submitted': 'no' }))).toEqual({ kind: 'customer' });
    expect(kindOfMail(mail({ 'auto-submitted': 'auto-replied' }))).toMatchObject({ kind: 'auto-reply' });
    expect(kindOfMail(mail({ precedence: 'junk' }))).toMatchObject({ kind: 'auto-reply' });
    expect(kindOfMail(mail({ 'x-autoreply': 'yes' }))).toMatchObject({ kind: 'auto-reply' });
    expect(kindOfMail(mail({ 'x-autorespond': 'vacation' }))).toMatchObject({ kind: 'auto-reply' });
    for (const subject of ['Out of Office: Invoice', 'Automatic reply: Invoice', 'Abwesenheitsnotiz: Rechnung', '自動返信: 請求書', '自动回复：发票', 'ตอบกลับอัตโนมัติ: ใบแจ้งหนี้']) {
      expect(kindOfMail(mail({}, subject))).toMatchObject({ kind: 'auto-reply', reason: 'vacation subject' });
    }
    expect(kindOfMail(mail({}, 'Re: my office is out of paper'))).toEqual({ kind: 'customer' });
  });

  it('is a bounce when it is a delivery-status report; a delay names nothing to mark', () => {
    const report = { value: 'multipart/report', params: { 'report-type': 'delivery-status' } };
    const failed = kindOfMail(mail({}, 'Undelivered', { contentType: report, text: 'Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 No such user', reportParts: ['Message-ID: <abc@acme.test>\r\n'] }));
    expect(failed).toEqual({ kind: 'bounce', report: { originalMessageId: '<abc@acme.test>', reason: '550 5.1.1 No such user' } });
    expect(kindOfMail(mail({}, 'Delayed', { contentType: report, text: 'Action: delayed\nStatus: 4.4.7' }))).toEqual({ kind: 'bounce', report: null });
  });
});
