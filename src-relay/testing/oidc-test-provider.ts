import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/** Who may sign in at the test provider (its dev login page takes any password), by login. */
export interface TestIdentity {
  email: string;
  emailVerified: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on a free port of this machine, with its
 * development login page, one confidential client for the relay's callback, and consent granted
 * in advance (the relay asks only for `openid email profile`).
 */
export async function startTestProvider(redirectUri: string, identities: Record<string, TestIdentity>): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'service-desk', clientSecret: 'provider-test-secret' };
  const provider = new Provider(issuer, configuration(redirectUri, client, identities));
  server.on('request', provider.callback());
  return { issuer, ...client, close: () => closeServer(server) };
}

function configuration(redirectUri: string, client: { clientId: string; clientSecret: string }, identities: Record<string, TestIdentity>): Configuration {
  return {
    clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['test-provider-cookie-key'] },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const identity = identities[id];
      if (!identity) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: identity.email, email_verified: identity.emailVerified }) };
    },
    // Consent given in advance, so the login page is the only page.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { session, client: oidcClient, provider } = ctx.oidc;
      if (!session?.accountId || !oidcClient) return undefined;
      const grantId = session.grantIdFor(oidcClient.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: oidcClient.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      session.grantIdFor(oidcClient.clientId, grant.jti);
      return grant;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
