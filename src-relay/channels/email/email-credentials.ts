import { z } from 'zod';
import { parseSignatures } from './email-signatures.js';

/** How a mail server's connection is protected: TLS from the first byte (465, 993), STARTTLS after greeting (587, 143), or none (loopback only). */
export const MailSecurity = z.enum(['tls', 'starttls', 'none']);
export type MailSecurity = z.infer<typeof MailSecurity>;

/** Forms hand every value over as text: "on"/"off" for a switch. */
const Switch = z.enum(['on', 'off']).default('off');
const Port = z.coerce.number().int().min(1).max(65_535);
const Host = z.string().min(1).max(253);
const Secret = z.string().min(1).max(4096);

/** How the relay signs in to the mailbox's SMTP and IMAP servers: a password (an app password), or OAuth2 (XOAUTH2) with a refresh token. */
export const MailSignIn = z.enum(['password', 'oauth2']);
/** Whose token endpoint gives the access tokens (oauth2-grant.ts); `other` names its own. */
export const OAuth2Provider = z.enum(['google', 'microsoft', 'other']);

/**
 * A token endpoint of the administrator's choice: HTTPS, for the client secret and refresh token
 * travel to it; plain HTTP only on this machine (a provider's local proxy, tests).
 */
const TokenUrl = z.url({ protocol: /^https?$/ }).refine((url) => url.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/)/.test(url), {
  message: 'expected an https:// address',
});

/** How many folders one mailbox may have watched: each is a connection to the server of its own. */
export const MAX_FOLDERS = 10;

/** The folder names of the form's comma-separated list, each once, in the order given. */
export function folderListOf(list: string): string[] {
  return [...new Set(list.split(',').map((name) => name.trim()).filter((name) => name !== ''))];
}

/**
 * One team mailbox: the address customers write to, the SMTP server replies leave through, the
 * IMAP server the relay reads (src-relay/email/imap), or direct delivery to the relay's own SMTP
 * receiver, and an optional DKIM key (docs/email.md).
 */
export const EmailCredentials = z
  .object({
    address: z.email().transform((value) => value.toLowerCase()),
    fromName: z.string().min(1).max(100),
    signature: z.string().max(2000).optional(),
    /** Signatures per language, "[ja]" then its text, block after block (email-signatures.ts); the customer's is used, else `signature`. */
    signatures: z
      .string()
      .max(20_000)
      .optional()
      .superRefine((text, context) => {
        const parsed = text === undefined ? null : parseSignatures(text);
        if (parsed && !parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
      }),
    smtpHost: Host,
    smtpPort: Port.default(587),
    smtpSecurity: MailSecurity.default('starttls'),
    smtpUser: z.string().min(1).max(320),
    signIn: MailSignIn.default('password'),
    /** With password sign-in: the SMTP password, and the IMAP one unless that is given apart. */
    smtpPassword: Secret.optional(),
    imapHost: Host.optional(),
    imapPort: Port.default(993),
    imapSecurity: MailSecurity.default('tls'),
    imapUser: z.string().min(1).max(320).optional(),
    imapPassword: Secret.optional(),
    oauthProvider: OAuth2Provider.optional(),
    /** Microsoft 365: the directory (tenant) id or domain, or `organizations`. */
    oauthTenant: z.string().regex(/^[A-Za-z0-9.-]{1,100}$/, 'expected a tenant id such as "contoso.onmicrosoft.com" or a GUID').optional(),
    oauthTokenUrl: TokenUrl.optional(),
    oauthClientId: z.string().min(1).max(500).optional(),
    /** Absent for a public client (Microsoft's device code flow has none). */
    oauthClientSecret: Secret.optional(),
    /** Replaced when the provider rotates it (Microsoft does): the relay seals the new one. Absent: Microsoft 365 app-only access. */
    oauthRefreshToken: Secret.optional(),
    /** The folders watched, comma-separated as the form takes them (kept as text: sealed credentials are parsed again on every read). */
    imapFolders: z
      .string()
      .max(1000)
      .default('INBOX')
      .refine((list) => folderListOf(list).length > 0, 'name at least one folder, such as INBOX')
      .refine((list) => folderListOf(list).length <= MAX_FOLDERS, `watch at most ${MAX_FOLDERS} folders`)
      .refine((list) => folderListOf(list).every((name) => name.length <= 200 && !/[\p{Cc}*%]/u.test(name)), 'a folder name has no control characters, * or %'),
    /** How many days back a folder's first connection imports (0: only mail from now on). */
    imapImportDays: z.coerce.number().int().min(0).max(3650).default(14),
    directDelivery: Switch,
    dkimDomain: z.string().min(1).max(253).optional(),
    dkimSelector: z.string().regex(/^[A-Za-z0-9._-]{1,63}$/, 'expected a DNS label such as "support2026"').optional(),
    dkimPrivateKey: z.string().includes('PRIVATE KEY', { message: 'expected a PEM private key' }).optional(),
  })
  .refine((c) => (c.dkimDomain === undefined) === (c.dkimSelector === undefined) && (c.dkimDomain === undefined) === (c.dkimPrivateKey === undefined), {
    message: 'DKIM needs its domain, selector and private key together, or none of them',
    path: ['dkimPrivateKey'],
  })
  .refine((c) => c.signIn !== 'password' || c.smtpPassword !== undefined, { message: 'password sign-in needs the SMTP password', path: ['smtpPassword'] })
  .superRefine((c, context) => {
    if (c.signIn !== 'oauth2') return;
    const missing = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (!c.oauthProvider) missing('oauthProvider', 'OAuth2 sign-in needs the provider: google, microsoft or other');
    if (!c.oauthClientId) missing('oauthClientId', 'OAuth2 sign-in needs the client id');
    // Microsoft 365 app-only access (a service principal) signs in with the client secret alone.
    const appOnly = c.oauthProvider === 'microsoft' && c.oauthClientSecret !== undefined;
    if (!c.oauthRefreshToken && !appOnly) missing('oauthRefreshToken', 'OAuth2 sign-in needs a refresh token (docs/email.md tells how to get one)');
    if (c.oauthProvider === 'microsoft' && !c.oauthTenant) missing('oauthTenant', 'Microsoft 365 needs the tenant id (or "organizations")');
    if (c.oauthProvider === 'other' && !c.oauthTokenUrl) missing('oauthTokenUrl', 'another provider needs its token endpoint');
  })
  .refine((c) => c.imapHost !== undefined || c.directDelivery === 'on', {
    message: 'mail has to come in somehow: give an IMAP server or turn direct delivery on',
    path: ['imapHost'],
  });
export type EmailCredentials = z.infer<typeof EmailCredentials>;

/** The domain of the mailbox: our Message-IDs and reply addresses are made in it. */
export function mailDomainOf(credentials: Pick<EmailCredentials, 'address'>): string {
  return credentials.address.slice(credentials.address.lastIndexOf('@') + 1);
}
