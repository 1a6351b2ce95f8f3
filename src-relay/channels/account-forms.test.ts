import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_ACCOUNT_FORMS, credentialsFromForm } from '../../src-shared/protocol/channels/account-forms.js';
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
});
