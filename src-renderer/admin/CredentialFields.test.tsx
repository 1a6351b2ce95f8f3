import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_ACCOUNT_FORMS } from '../../src-shared/protocol/channels/account-forms.js';
import { initI18n } from '../i18n/index.js';
import { CredentialFields } from './CredentialFields.js';

let i18n: Awaited<ReturnType<typeof initI18n>>;
beforeAll(async () => {
  i18n = await initI18n('en');
});

const form = CHANNEL_ACCOUNT_FORMS.email;

/** The email form as laid out: the test ids of its fields, and the options of its lists. */
function laidOut(values: Record<string, string>, keepStored = false) {
  if (!form) throw new Error('no email form');
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <CredentialFields provider="email" form={form} values={values} keepStored={keepStored} onChange={() => undefined} />
    </I18nextProvider>,
  );
  const fields = [...html.matchAll(/data-testid="credential-([A-Za-z]+)"/g)].map((match) => match[1]);
  const options = (name: string) => [...(new RegExp(`data-testid="credential-${name}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((match) => `${match[1]}:${match[2]}`);
  return { fields, options, html };
}

describe("the email account's sign-in fields", () => {
  it('ask for passwords by default, with the sign-in as a list', () => {
    const { fields, options, html } = laidOut({});
    expect(fields).toEqual(expect.arrayContaining(['signIn', 'smtpPassword', 'imapPassword']));
    expect(fields.filter((name) => name?.startsWith('oauth'))).toEqual([]);
    expect(options('signIn')).toEqual(['password:Password', 'oauth2:OAuth2']);
    expect(html).toMatch(/<option value="password" selected="">/);
  });

  it('ask for the OAuth2 provider, client and refresh token once OAuth2 is chosen, and the tenant for Microsoft 365', () => {
    const oauth2 = laidOut({ signIn: 'oauth2' });
    expect(oauth2.fields).toEqual(expect.arrayContaining(['oauthProvider', 'oauthClientId', 'oauthClientSecret', 'oauthRefreshToken']));
    expect(oauth2.fields).not.toContain('smtpPassword');
    expect(oauth2.fields).not.toContain('oauthTenant');
    expect(oauth2.options('oauthProvider')).toEqual([':Choose…', 'google:Google', 'microsoft:Microsoft 365', 'other:Other (token URL)']);
    expect(oauth2.html).toMatch(/data-testid="credential-oauthRefreshToken" type="password"/);
    expect(laidOut({ signIn: 'oauth2', oauthProvider: 'microsoft' }).fields).toContain('oauthTenant');
    expect(laidOut({ signIn: 'oauth2', oauthProvider: 'other' }).fields).toContain('oauthTokenUrl');
  });

  it('when replacing stored credentials, ask for either kind, the list starting at "unchanged"', () => {
    const replacing = laidOut({}, true);
    expect(replacing.fields).toEqual(expect.arrayContaining(['smtpPassword', 'oauthRefreshToken', 'oauthTenant']));
    expect(replacing.options('signIn')[0]).toBe(':unchanged if left empty');
  });
});
