import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_ACCOUNT_FORMS, credentialsFromForm, fieldAsked } from '../../src-shared/protocol/channels/account-forms.js';
import { CHANNEL_ADAPTERS } from './registry.js';

/** The credentials' keys an adapter's schema takes, and which of them it requires, read from its JSON Schema (objects, or a union of them). */
function keysOf(schema: z.ZodType): { all: Set<string>; required: Set<string> } {
  type Node = { properties?: Record<string, unknown>; required?: string[]; anyOf?: Node[]; oneOf?: Node[] };
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node;
  const branches = root.anyOf ?? root.oneOf ?? [root];
  const all = new Set(branches.flatMap((branch) => Object.keys(branch.properties ?? {})));
  // A key is required when every branch requires it.
  const required = new Set([...all].filter((key) => branches.every((branch) => branch.required?.includes(key))));
  return { all, required };
}

describe("the desk's credential forms", () => {
  const described = CHANNEL_ADAPTERS.filter((adapter) => CHANNEL_ACCOUNT_FORMS[adapter.provider]);

  it('describe WhatsApp and Telegram, at least', () => {
    expect(described.map((adapter) => adapter.provider)).toEqual(expect.arrayContaining(['whatsapp', 'telegram']));
  });

  it.each(described.map((adapter) => [adapter.provider, adapter] as const))("name exactly %s's credentials, optional where its schema is", (_, adapter) => {
    const form = CHANNEL_ACCOUNT_FORMS[adapter.provider];
    const { all, required } = keysOf(adapter.credentials);
    const fields = form?.fields ?? [];
    expect(new Set(fields.map((field) => field.name))).toEqual(all);
    expect(new Set(fields.filter((field) => !field.optional).map((field) => field.name))).toEqual(required);
  });

  it('hand the relay trimmed values, leaving empty optional fields to its defaults', () => {
    const form = CHANNEL_ACCOUNT_FORMS.whatsapp;
    if (!form) throw new Error('no WhatsApp form');
    const values = { phoneNumberId: ' 106540352242922 ', accessToken: 'EAAG-token-123', appSecret: 'app-secret-0123', verifyToken: 'verify-token-0123', graphVersion: ' ' };
    const credentials = credentialsFromForm(form, values);
    expect(credentials).toEqual({ phoneNumberId: '106540352242922', accessToken: 'EAAG-token-123', appSecret: 'app-secret-0123', verifyToken: 'verify-token-0123' });
    const whatsapp = CHANNEL_ADAPTERS.find((adapter) => adapter.provider === 'whatsapp');
    expect(whatsapp?.credentials.parse(credentials)).toMatchObject({ graphVersion: 'v23.0' });
  });

  it.each(described.map((adapter) => [adapter.provider, adapter] as const))("offer %s's choices as its schema takes them, and depend only on choices it has", (_, adapter) => {
    const form = CHANNEL_ACCOUNT_FORMS[adapter.provider];
    for (const field of form?.fields ?? []) {
      for (const choice of field.choices ?? []) {
        expect(adapter.credentials.safeParse({ [field.name]: choice.value }).error?.issues.some((issue) => issue.path[0] === field.name) ?? false).toBe(false);
      }
      if (field.choices && field.placeholder) expect(field.choices.map((choice) => choice.value)).toContain(field.placeholder);
      if (!field.shownWhen) continue;
      const parent = form?.fields.find((candidate) => candidate.name === field.shownWhen?.field);
      expect(parent?.choices?.map((choice) => choice.value)).toContain(field.shownWhen.is);
    }
  });

  it('ask for a mailbox password or its OAuth2 grant, never both, and hand over only what is asked', () => {
    const form = CHANNEL_ACCOUNT_FORMS.email;
    if (!form) throw new Error('no email form');
    const asked = (values: Record<string, string>, keepStored = false) => form.fields.filter((field) => fieldAsked(form, field, values, keepStored)).map((field) => field.name);
    expect(asked({})).toContain('smtpPassword');
    expect(asked({})).not.toContain('oauthRefreshToken');
    expect(asked({ signIn: 'oauth2' })).toEqual(expect.arrayContaining(['oauthProvider', 'oauthClientId', 'oauthClientSecret', 'oauthRefreshToken']));
    expect(asked({ signIn: 'oauth2' })).not.toContain('smtpPassword');
    expect(asked({ signIn: 'oauth2' })).not.toContain('oauthTenant');
    expect(asked({ signIn: 'oauth2', oauthProvider: 'microsoft' })).toContain('oauthTenant');
    expect(asked({ signIn: 'oauth2', oauthProvider: 'other' })).toEqual(expect.arrayContaining(['oauthTokenUrl']));
    expect(asked({ signIn: 'password', oauthProvider: 'microsoft' })).not.toContain('oauthTenant');
    // Replacing stored credentials: the stored sign-in is not known to the desk, so both are asked.
    expect(asked({}, true)).toEqual(expect.arrayContaining(['smtpPassword', 'oauthRefreshToken', 'oauthTenant']));
    // A password typed before switching to OAuth2 does not go to the relay.
    expect(credentialsFromForm(form, { signIn: 'oauth2', smtpPassword: 'typed-before', oauthRefreshToken: ' 1//token ' })).toEqual({ signIn: 'oauth2', oauthRefreshToken: '1//token' });
  });
});
