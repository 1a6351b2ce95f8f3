import { z } from 'zod';
import { deviceCodeConsent } from './channels/email/oauth2/device-code-consent.js';
import { loopbackConsent } from './channels/email/oauth2/loopback-consent.js';
import { smtpReceiverFromEnv } from './email/smtp-receiver-env.js';
import { IceServers, type IceServer } from '../src-shared/protocol/voice.js';
import { fileStoreSettingsFromEnv } from './files/open-file-store.js';
import { opsSettingsFromEnv } from './ops/ops-env.js';
import { stopOnSignals } from './ops/shutdown.js';
import { runVerifyAudit } from './audit/verify-audit-command.js';
import { startRelay } from './server.js';
import { isPostgresUrl } from './storage/open-relay-storage.js';
import { moveRelayToPostgres } from './storage/migrate-to-postgres/move-relay-to-postgres.js';
import { twilioConfigFromEnv } from './telephony/twilio-config.js';
import { trustProxyFromEnv } from './http/trust-proxy.js';

/**
 * `npx tsx src-relay/cli.ts [--demo | --setup FILE]` runs this: the relay on RELAY_HOST:RELAY_PORT (127.0.0.1:8787)
 * with its database at RELAY_DB (.data/relay.sqlite), or in PostgreSQL when RELAY_DATABASE_URL is a postgres:// URL, keeping RELAY_LOG_RETENTION_DAYS (30) of sync log.
 * --setup (or RELAY_SETUP) sets up a company from a file when the database is new.
 * RELAY_ICE_SERVERS (JSON, like RTCConfiguration.iceServers) lets web calls cross NAT through STUN/TURN.
 * TWILIO_* (all eight, see docs/voice-twilio.md) turn on Twilio Voice for one company; TWILIO_API_BASE_URL
 * (optional, https://api.twilio.com) is where its REST requests go.
 * RELAY_NATS_URL (nats://…) makes it one node of a cluster on a shared database, telling the others of its commits.
 * RELAY_METRICS_ADDRESS and RELAY_DRAIN_TIMEOUT_MS: src-relay/ops/ops-env.ts and docs/relay-cluster.md.
 * RELAY_PUBLIC_URL (https://…) is the relay's address as messaging providers call it: what Twilio and WeChat sign, the webhook URLs administrators are shown.
 * RELAY_SECRETS_KEY seals messaging accounts' credentials (docs/channels.md); on SQLite a key file beside the database stands in.
 * Attachments go to a files/ folder beside RELAY_DB, or RELAY_FILES_DIR, or S3 (RELAY_FILES_S3_*): src-relay/files/open-file-store.ts.
 * RELAY_SMTP_PORT starts the SMTP receiver for email direct delivery (RELAY_SMTP_HOST, RELAY_SMTP_MAX_BYTES, RELAY_SMTP_TLS_KEY/CERT; docs/email.md).
 * RELAY_TRUST_PROXY names the proxies in front of the relay whose X-Forwarded-For is believed (src-relay/http/trust-proxy.ts).
 * --migrate-to postgres://… copies the SQLite database at RELAY_DB into PostgreSQL, verifies it and exits (non-zero if they differ).
 * --oauth-device-code --tenant T --client-id C signs a Microsoft 365 mailbox in by the device code flow and prints its refresh token (docs/email.md).
 * --oauth-google --client-id C --client-secret S [--login-hint ADDRESS] signs a Gmail mailbox in (loopback redirect with PKCE) and prints its refresh token.
 * --verify-audit [PATH | postgres://…] walks every company's audit chain (docs/audit.md) and exits, non-zero naming the first broken entry.
 */
async function main(): Promise<void> {
  const verifyAt = process.argv.indexOf('--verify-audit');
  if (verifyAt >= 0) process.exit(await runVerifyAudit(process.argv[verifyAt + 1], process.env, (line) => console.log(line)));
  const migrateAt = process.argv.indexOf('--migrate-to');
  if (migrateAt >= 0) {
    const url = process.argv[migrateAt + 1];
    if (!url || !isPostgresUrl(url)) throw new Error('--migrate-to needs a PostgreSQL URL: --migrate-to postgres://user@host:5432/relay');
    const verified = await moveRelayToPostgres(process.env.RELAY_DB ?? '.data/relay.sqlite', url, (line) => console.log(line));
    process.exit(verified ? 0 : 1);
  }
  if (process.argv.includes('--oauth-device-code')) {
    const tenant = argumentAfter('--tenant');
    const clientId = argumentAfter('--client-id');
    if (!tenant || !clientId) throw new Error('--oauth-device-code needs --tenant <tenant id or domain> --client-id <application id>');
    const authority = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/oauth2/v2.0`;
    const refreshToken = await deviceCodeConsent({ authority, clientId, say: (line) => console.log(line) });
    console.log(`The mailbox's refresh token (enter it in the form, then clear this screen):\n${refreshToken}`);
    process.exit(0);
  }
  if (process.argv.includes('--oauth-google')) {
    const clientId = argumentAfter('--client-id');
    const clientSecret = argumentAfter('--client-secret');
    if (!clientId || !clientSecret) throw new Error('--oauth-google needs --client-id <client id> --client-secret <client secret> (a Desktop app client)');
    const loginHint = argumentAfter('--login-hint');
    const refreshToken = await loopbackConsent({ clientId, clientSecret, ...(loginHint ? { loginHint } : {}), say: (line) => console.log(line) });
    console.log(`The mailbox's refresh token (enter it in the form, then clear this screen):\n${refreshToken}`);
    process.exit(0);
  }
  const port = Number(process.env.RELAY_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`RELAY_PORT must be a port number, not "${process.env.RELAY_PORT}".`);
  const demo = process.argv.includes('--demo');
  const setupAt = process.argv.indexOf('--setup');
  const setupFile = setupAt >= 0 ? process.argv[setupAt + 1] : process.env.RELAY_SETUP;
  if (setupAt >= 0 && !setupFile) throw new Error('--setup needs a file: --setup company.json');
  const retention = Number(process.env.RELAY_LOG_RETENTION_DAYS ?? 30);
  if (!(retention > 0)) throw new Error(`RELAY_LOG_RETENTION_DAYS must be a positive number of days, not "${process.env.RELAY_LOG_RETENTION_DAYS}".`);
  const { ops, drainTimeoutMs } = opsSettingsFromEnv(process.env);
  const relay = await startRelay({
    dbPath: process.env.RELAY_DB ?? '.data/relay.sqlite',
    databaseUrl: process.env.RELAY_DATABASE_URL || undefined,
    natsUrl: process.env.RELAY_NATS_URL || undefined,
    host: process.env.RELAY_HOST ?? '127.0.0.1',
    port,
    seedDemo: demo,
    setupFile,
    logger: process.env.RELAY_LOG === '1',
    logRetentionDays: retention,
    twilio: twilioConfigFromEnv(process.env),
    iceServers: iceServersFromEnv(process.env.RELAY_ICE_SERVERS),
    ops,
    files: fileStoreSettingsFromEnv(process.env),
    channels: { publicUrl: publicUrlFromEnv(process.env.RELAY_PUBLIC_URL) },
    smtpReceiver: smtpReceiverFromEnv(process.env),
    trustProxy: trustProxyFromEnv(process.env.RELAY_TRUST_PROXY),
  });
  if (relay.smtpPort !== null) console.log(`  email (SMTP):      port ${relay.smtpPort}`);
  console.log(`Relay listening on ${relay.url}`);
  if (relay.metricsUrl) console.log(`  metrics:           ${relay.metricsUrl}`);
  console.log(`  customer web chat: ${relay.url}/chat${demo ? '?tenant=demo' : ''}`);
  console.log(`  embed on a site:   <script src="${relay.url}/widget.js" data-tenant="demo" async></script>`);
  if (demo) {
    console.log('  demo logins (password demo1234): mei@demo.test, somchai@demo.test, lucia@demo.test, hans@demo.test,');
    console.log('                                   sam@demo.test (supervisor), admin@demo.test (admin)');
  }

  stopOnSignals(relay, { drainTimeoutMs, log: (message) => console.log(message), exit: (code) => process.exit(code) });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

function publicUrlFromEnv(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new Error(`RELAY_PUBLIC_URL must be the relay's public address, such as https://relay.example.com, not "${value}".`);
  }
  return url.toString().replace(/\/$/, '');
}

function iceServersFromEnv(value: string | undefined): IceServer[] {
  if (!value) return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('RELAY_ICE_SERVERS must be JSON, e.g. [{"urls":"stun:stun.example.com:3478"}].');
  }
  const parsed = IceServers.safeParse(json);
  if (!parsed.success) throw new Error(`RELAY_ICE_SERVERS is not a list of ICE servers:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function argumentAfter(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
