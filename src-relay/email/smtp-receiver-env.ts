import { readFileSync } from 'node:fs';
import type { SmtpReceiverSettings } from './smtp-receiver.js';

/**
 * RELAY_SMTP_PORT (on when set), RELAY_SMTP_HOST (0.0.0.0), RELAY_SMTP_MAX_BYTES (25 MB), and
 * RELAY_SMTP_TLS_KEY with RELAY_SMTP_TLS_CERT (PEM files) for STARTTLS: the direct delivery receiver.
 */
export function smtpReceiverFromEnv(env: NodeJS.ProcessEnv): SmtpReceiverSettings | undefined {
  if (!env.RELAY_SMTP_PORT) return undefined;
  const port = Number(env.RELAY_SMTP_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`RELAY_SMTP_PORT must be a port number, not "${env.RELAY_SMTP_PORT}".`);
  const maxBytes = env.RELAY_SMTP_MAX_BYTES ? Number(env.RELAY_SMTP_MAX_BYTES) : undefined;
  if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0)) throw new Error(`RELAY_SMTP_MAX_BYTES must be a number of bytes, not "${env.RELAY_SMTP_MAX_BYTES}".`);
  if (Boolean(env.RELAY_SMTP_TLS_KEY) !== Boolean(env.RELAY_SMTP_TLS_CERT)) throw new Error('RELAY_SMTP_TLS_KEY and RELAY_SMTP_TLS_CERT go together: the key and the certificate, as PEM files.');
  const tls = env.RELAY_SMTP_TLS_KEY && env.RELAY_SMTP_TLS_CERT ? { key: readFileSync(env.RELAY_SMTP_TLS_KEY), cert: readFileSync(env.RELAY_SMTP_TLS_CERT) } : undefined;
  return { port, ...(env.RELAY_SMTP_HOST ? { host: env.RELAY_SMTP_HOST } : {}), ...(maxBytes ? { maxBytes } : {}), ...(tls ? { tls } : {}) };
}
