import { describe, expect, it } from 'vitest';
import { outcomeOfSmtpError } from './smtp-errors.js';

describe('a failed SMTP send', () => {
  it('is final for a 5xx, with the server\'s words, and names a refused recipient', () => {
    expect(outcomeOfSmtpError({ code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Message rejected as spam' })).toEqual({
      kind: 'failed',
      failure: 'undeliverable',
      detail: 'Not delivered: 554 5.7.1 Message rejected as spam',
    });
    expect(outcomeOfSmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown' })).toMatchObject({ kind: 'failed', failure: 'invalid-recipient' });
    expect(outcomeOfSmtpError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed' })).toMatchObject({ kind: 'failed', failure: 'rejected' });
  });

  it('is tried again for a 4xx or when the server never answered', () => {
    expect(outcomeOfSmtpError({ responseCode: 451, response: '451 4.3.0 Try later' })).toMatchObject({ kind: 'retry' });
    expect(outcomeOfSmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toMatchObject({ kind: 'retry', detail: expect.stringContaining('ECONNREFUSED') });
    expect(outcomeOfSmtpError('socket hang up')).toMatchObject({ kind: 'retry' });
  });
});
