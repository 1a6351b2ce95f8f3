import * as oidc from 'openid-client';
import type { RelayCore } from '../relay-core.js';
import type { SsoConfigRecord } from '../storage/port/single-sign-on.js';

/** Bound into the sealed client secret, so one copied onto another company does not open. */
export const clientSecretContext = (tenantId: string) => `sso-client:${tenantId}`;

/** How long a provider's discovery document is trusted before it is fetched again. */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/**
 * Each company's provider as openid-client knows it, from the issuer's discovery document,
 * fetched once an hour and again whenever the administrator changes the configuration.
 */
export class SsoClients {
  private readonly discovered = new Map<string, { version: string; at: number; config: Promise<oidc.Configuration> }>();

  constructor(private readonly core: RelayCore) {}

  configurationOf(record: SsoConfigRecord): Promise<oidc.Configuration> {
    const version = `${record.issuer}|${record.clientId}|${record.updatedAt}`;
    const known = this.discovered.get(record.tenantId);
    if (known && known.version === version && this.core.now() - known.at < DISCOVERY_TTL_MS) return known.config;
    const config = discover(this.core, record);
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => this.discovered.delete(record.tenantId));
    this.discovered.set(record.tenantId, { version, at: this.core.now(), config });
    return config;
  }
}

function discover(core: RelayCore, record: SsoConfigRecord): Promise<oidc.Configuration> {
  const secret = core.secrets.open(record.clientSecretSealed, clientSecretContext(record.tenantId));
  if (typeof secret !== 'string') throw new Error(`The single sign-on secret of ${record.tenantId} does not open as text.`);
  const issuer = new URL(record.issuer);
  // Plain HTTP only to a provider on this machine (a test's, or a developer's); anywhere else TLS.
  const execute = isLoopback(issuer) ? [oidc.allowInsecureRequests] : [];
  return oidc.discovery(issuer, record.clientId, undefined, oidc.ClientSecretBasic(secret), { execute, timeout: 10 });
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
