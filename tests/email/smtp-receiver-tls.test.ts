import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachMailboxes } from '../../src-relay/email/mailboxes.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../src-relay/email/smtp-receiver.js';
import { smtpReceiverFromEnv } from '../../src-relay/email/smtp-receiver-env.js';
import { seedTenant } from '../../src-relay/demo/seed.js';
import type { RelayCore } from '../../src-relay/relay-core.js';
import { ACME, TEST_PASSWORD_COST, testCore } from '../../src-relay/testing/test-relay.js';
import { connectMailbox, mailboxCredentials } from './email-test-relay.js';

/** Direct delivery over STARTTLS with the administrator's certificate (RELAY_SMTP_TLS_KEY/CERT), as a sending MTA that checks it sees it. */
describe('the SMTP receiver with a certificate of its own', () => {
  let dir: string;
  let core: RelayCore;
  let receiver: SmtpReceiver;
  let cert: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'smtp-tls-'));
    const [key, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certFile, '-days', '1', '-subj', '/CN=mx.acme.test', '-addext', 'subjectAltName=DNS:mx.acme.test'], { stdio: 'ignore' });
    cert = readFileSync(certFile);
    core = testCore();
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    const { runtime } = await connectMailbox(core, mailboxCredentials(2525));
    const settings = smtpReceiverFromEnv({ RELAY_SMTP_PORT: '0', RELAY_SMTP_HOST: '127.0.0.1', RELAY_SMTP_TLS_KEY: key, RELAY_SMTP_TLS_CERT: certFile });
    if (!settings) throw new Error('no settings');
    receiver = await startSmtpReceiver(core, attachMailboxes(core, runtime), settings);
  });
  afterAll(async () => {
    await receiver?.close();
    await core?.store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers STARTTLS with that certificate, and stores the mail sent over it', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, requireTLS: true, tls: { ca: [cert], servername: 'mx.acme.test' } });
    const info = await transport.sendMail({ from: 'kim@example.com', to: 'support@acme.test', subject: 'Over TLS', messageId: '<tls-1@example.com>', text: 'Encrypted, hello.' });
    transport.close();
    expect(info.accepted).toEqual(['support@acme.test']);
    const stored = await core.store.email.findByHeaderMessageId('acme', '<tls-1@example.com>');
    expect(stored).not.toBeNull();
    // A sender that checks the name against another host refuses this certificate: it is the one we gave.
    const wrongName = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, requireTLS: true, tls: { ca: [cert], servername: 'other.acme.test' } });
    await expect(wrongName.sendMail({ from: 'kim@example.com', to: 'support@acme.test', subject: 'x', text: 'x' })).rejects.toThrow(/altnames|certificate/i);
    wrongName.close();
  });

  it('refuses a key without its certificate', () => {
    expect(() => smtpReceiverFromEnv({ RELAY_SMTP_PORT: '25', RELAY_SMTP_TLS_KEY: '/k.pem' })).toThrow(/go together/);
  });
});
