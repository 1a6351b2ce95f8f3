import type { Channel } from '../../domain/model.js';

/**
 * What the Company settings screen asks for to connect an account of each provider: one field per
 * key of the adapter's credentials schema (src-relay/channels/<provider>/*-credentials.ts; a test
 * holds the two together). The relay checks what is entered with that schema; this only lays out
 * the form. A provider without an entry is shown as not yet available.
 *
 * Adding a provider: one entry here. `label` and `hint` are English; the desk looks for
 * `admin.channels.fields.<provider>.<name>` (and `...Hint`) in its catalogue first.
 */
export interface ChannelCredentialField {
  /** The credentials key, as the adapter's schema names it. */
  name: string;
  label: string;
  /** A secret is typed in a password field and never shown again (the relay never sends credentials back). */
  secret: boolean;
  /** May be left empty: the schema has a default, or the provider does not always need it. */
  optional?: boolean;
  placeholder?: string;
  /** Several lines (a signature): a text area rather than one line. */
  multiline?: boolean;
  /** Where to find it in the provider's console. */
  hint?: string;
  /**
   * A choice among these values, shown as a list (`label` English; the desk looks for
   * `admin.channels.fields.<provider>.<name>Choices.<value>` first). `placeholder` is the default.
   */
  choices?: readonly { value: string; label: string }[];
  /** Asked only when another field has this value (its default when left empty): the OAuth2 fields when sign-in is OAuth2. */
  shownWhen?: { field: string; is: string };
}

export interface ChannelAccountForm {
  fields: readonly ChannelCredentialField[];
  /** The section of docs/channels.md with the provider's console steps. */
  docsSection: string;
}

const SIGN_IN_CHOICES = [
  { value: 'password', label: 'Password' },
  { value: 'oauth2', label: 'OAuth2' },
] as const;
const OAUTH2_PROVIDERS = [
  { value: 'google', label: 'Google' },
  { value: 'microsoft', label: 'Microsoft 365' },
  { value: 'other', label: 'Other (token URL)' },
] as const;
const PASSWORD = { field: 'signIn', is: 'password' } as const;
const OAUTH2 = { field: 'signIn', is: 'oauth2' } as const;

export const CHANNEL_ACCOUNT_FORMS: Partial<Record<Channel, ChannelAccountForm>> = {
  whatsapp: {
    docsSection: 'WhatsApp (Cloud API)',
    fields: [
      { name: 'phoneNumberId', label: 'Phone number ID', secret: false, placeholder: '106540352242922', hint: 'WhatsApp > API Setup; digits, not the number itself' },
      { name: 'accessToken', label: 'Access token', secret: true, hint: "A system user's permanent token with whatsapp_business_messaging" },
      { name: 'appSecret', label: 'App secret', secret: true, hint: 'App settings > Basic; Meta signs every webhook with it' },
      { name: 'verifyToken', label: 'Verify token', secret: true, hint: 'A phrase you choose and enter again in the webhook settings' },
      { name: 'businessAccountId', label: 'WhatsApp Business Account ID', secret: false, optional: true, placeholder: '102290129340398', hint: 'WhatsApp > API Setup; needed for the approved message templates' },
      { name: 'graphVersion', label: 'Graph API version', secret: false, optional: true, placeholder: 'v23.0' },
    ],
  },
  telegram: {
    docsSection: 'Telegram (Bot API)',
    fields: [
      { name: 'botToken', label: 'Bot token', secret: true, placeholder: '123456789:AA…', hint: 'From @BotFather (/newbot)' },
      { name: 'secretToken', label: 'Secret token', secret: true, hint: '16 to 256 characters of A-Z, a-z, 0-9, _ and -; given to setWebhook as secret_token' },
    ],
  },
  line: {
    docsSection: 'LINE (Messaging API)',
    fields: [
      { name: 'channelSecret', label: 'Channel secret', secret: true, hint: 'LINE Developers Console > Basic settings; LINE signs every webhook with it' },
      { name: 'channelAccessToken', label: 'Channel access token', secret: true, hint: 'Messaging API > Channel access token (long-lived)' },
    ],
  },
  sms: {
    docsSection: 'SMS (Twilio Programmable Messaging)',
    fields: [
      { name: 'accountSid', label: 'Account SID', secret: false, placeholder: 'AC…', hint: 'Twilio Console > Account Info' },
      { name: 'authToken', label: 'Auth token', secret: true, hint: 'Account Info; Twilio signs every webhook with it' },
      { name: 'from', label: 'Twilio number', secret: false, optional: true, placeholder: '+15005550006', hint: 'In E.164; or give a Messaging Service instead' },
      { name: 'messagingServiceSid', label: 'Messaging Service SID', secret: false, optional: true, placeholder: 'MG…' },
    ],
  },
  viber: {
    docsSection: 'Viber (REST Bot API)',
    fields: [
      { name: 'authToken', label: 'Authentication token', secret: true, hint: 'Viber Admin Panel > your bot; Viber signs every callback with it' },
      { name: 'senderName', label: 'Sender name', secret: false, hint: 'Shown on every reply, at most 28 characters' },
      { name: 'senderAvatar', label: 'Sender avatar URL', secret: false, optional: true, placeholder: 'https://…' },
    ],
  },
  messenger: {
    docsSection: 'Messenger (Messenger Platform)',
    fields: [
      { name: 'pageId', label: 'Page ID', secret: false, hint: "Digits, from the Page's About or Messenger API Settings" },
      { name: 'pageAccessToken', label: 'Page access token', secret: true, hint: "A system user's token with pages_messaging" },
      { name: 'appSecret', label: 'App secret', secret: true, hint: 'App settings > Basic; Meta signs every webhook with it' },
      { name: 'verifyToken', label: 'Verify token', secret: true, hint: 'A phrase you choose and enter again in the webhook settings' },
      { name: 'graphVersion', label: 'Graph API version', secret: false, optional: true, placeholder: 'v23.0' },
    ],
  },
  instagram: {
    docsSection: 'Instagram (Messenger API for Instagram)',
    fields: [
      { name: 'instagramAccountId', label: 'Instagram account ID', secret: false, hint: 'Messenger API Settings > Instagram; digits' },
      { name: 'pageAccessToken', label: 'Page access token', secret: true, hint: 'Of the linked Facebook Page, with instagram_manage_messages' },
      { name: 'appSecret', label: 'App secret', secret: true, hint: 'App settings > Basic; Meta signs every webhook with it' },
      { name: 'verifyToken', label: 'Verify token', secret: true, hint: 'A phrase you choose and enter again in the webhook settings' },
      { name: 'graphVersion', label: 'Graph API version', secret: false, optional: true, placeholder: 'v23.0' },
    ],
  },
  wechat: {
    docsSection: 'WeChat (Official Account)',
    fields: [
      { name: 'appId', label: 'AppID', secret: false, placeholder: 'wx1234567890abcdef', hint: 'Official Accounts Platform > 开发 > 基本配置' },
      { name: 'appSecret', label: 'AppSecret', secret: true },
      { name: 'token', label: 'Token', secret: true, hint: 'The server configuration\'s Token: 3 to 32 letters or digits' },
      { name: 'encodingAesKey', label: 'EncodingAESKey', secret: true, optional: true, hint: 'For the safe (recommended) message mode: 43 characters' },
    ],
  },
  email: {
    docsSection: 'Email',
    fields: [
      { name: 'address', label: 'Email address', secret: false, placeholder: 'support@example.com', hint: 'The address customers write to' },
      { name: 'fromName', label: 'Display name', secret: false, placeholder: 'Example Support', hint: 'Shown as the sender of replies' },
      { name: 'signature', label: 'Signature', secret: false, optional: true, multiline: true, hint: 'Added under every reply without a signature in the customer\'s language' },
      { name: 'signatures', label: 'Signatures per language', secret: false, optional: true, multiline: true, placeholder: '[ja]\nサポートチーム\n[th]\nทีมสนับสนุน', hint: 'A language code in brackets on its own line, then its signature; the customer\'s language is used' },
      { name: 'smtpHost', label: 'SMTP server', secret: false, placeholder: 'smtp.gmail.com', hint: 'Where replies are sent through' },
      { name: 'smtpPort', label: 'SMTP port', secret: false, optional: true, placeholder: '587' },
      { name: 'smtpSecurity', label: 'SMTP security', secret: false, optional: true, placeholder: 'starttls', hint: 'tls (port 465), starttls (587) or none' },
      { name: 'smtpUser', label: 'SMTP user name', secret: false },
      { name: 'signIn', label: 'Sign-in', secret: false, optional: true, placeholder: 'password', choices: SIGN_IN_CHOICES, hint: 'OAuth2 for Gmail and Microsoft 365 where app passwords are not allowed (docs/email.md)' },
      { name: 'smtpPassword', label: 'SMTP password', secret: true, optional: true, shownWhen: PASSWORD, hint: 'Gmail and Microsoft 365 need an app password (docs/email.md)' },
      { name: 'oauthProvider', label: 'OAuth2 provider', secret: false, optional: true, shownWhen: OAUTH2, choices: OAUTH2_PROVIDERS },
      { name: 'oauthTenant', label: 'Tenant ID', secret: false, optional: true, shownWhen: { field: 'oauthProvider', is: 'microsoft' }, placeholder: 'contoso.onmicrosoft.com', hint: 'Microsoft Entra admin center > Overview: the tenant ID or primary domain' },
      { name: 'oauthTokenUrl', label: 'Token URL', secret: false, optional: true, shownWhen: { field: 'oauthProvider', is: 'other' }, placeholder: 'https://auth.example.com/oauth2/token' },
      { name: 'oauthClientId', label: 'Client ID', secret: false, optional: true, shownWhen: OAUTH2, hint: 'Of the OAuth client (Google Cloud console) or app registration (Microsoft Entra)' },
      { name: 'oauthClientSecret', label: 'Client secret', secret: true, optional: true, shownWhen: OAUTH2, hint: 'Empty for a public client (Microsoft device code flow); required for app-only access' },
      { name: 'oauthRefreshToken', label: 'Refresh token', secret: true, optional: true, shownWhen: OAUTH2, hint: 'From the consent the mailbox owner gave (docs/email.md); empty for Microsoft 365 app-only access' },
      { name: 'imapHost', label: 'IMAP server', secret: false, optional: true, placeholder: 'imap.gmail.com', hint: 'Leave empty when mail comes by direct delivery' },
      { name: 'imapPort', label: 'IMAP port', secret: false, optional: true, placeholder: '993' },
      { name: 'imapSecurity', label: 'IMAP security', secret: false, optional: true, placeholder: 'tls', hint: 'tls (port 993), starttls (143) or none' },
      { name: 'imapUser', label: 'IMAP user name', secret: false, optional: true },
      { name: 'imapPassword', label: 'IMAP password', secret: true, optional: true, shownWhen: PASSWORD, hint: 'When it differs from the SMTP password' },
      { name: 'imapFolders', label: 'Folders to watch', secret: false, optional: true, placeholder: 'INBOX', hint: 'Comma-separated, such as INBOX, Support; each folder is read on its own' },
      { name: 'imapImportDays', label: 'Days to import first', secret: false, optional: true, placeholder: '14', hint: 'How many recent days of mail a first connection imports (0: none)' },
      { name: 'directDelivery', label: 'Direct delivery', secret: false, optional: true, placeholder: 'off', hint: "on: the relay's own SMTP receiver takes mail for this address (MX or forwarding)" },
      { name: 'dkimDomain', label: 'DKIM domain', secret: false, optional: true, placeholder: 'example.com' },
      { name: 'dkimSelector', label: 'DKIM selector', secret: false, optional: true, placeholder: 'support2026' },
      { name: 'dkimPrivateKey', label: 'DKIM private key', secret: true, optional: true, hint: 'PEM; its public key is published at <selector>._domainkey.<domain>' },
    ],
  },
};

/** The entered values as the relay takes them: trimmed, empty optional fields and fields not asked left out (the relay's defaults apply). */
export function credentialsFromForm(form: ChannelAccountForm, values: Readonly<Record<string, string>>): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const field of form.fields) {
    const value = (values[field.name] ?? '').trim();
    if (value !== '' && fieldAsked(form, field, values, true)) credentials[field.name] = value;
  }
  return credentials;
}

/**
 * Whether the form asks for the field with these values: always, or when the field it depends on
 * (and that one's own condition) holds. With `keepStored` (replacing stored credentials the desk
 * never sees), a field depending on one left empty is asked: the stored choice is not known.
 */
export function fieldAsked(form: ChannelAccountForm, field: ChannelCredentialField, values: Readonly<Record<string, string>>, keepStored: boolean): boolean {
  const condition = field.shownWhen;
  if (!condition) return true;
  const parent = form.fields.find((candidate) => candidate.name === condition.field);
  if (!parent || !fieldAsked(form, parent, values, keepStored)) return false;
  const entered = (values[parent.name] ?? '').trim();
  if (entered === '' && keepStored) return true;
  return (entered || parent.placeholder || '') === condition.is;
}
