import { describe, expect, it } from 'vitest';
import { ConversationListFilter } from '../../src-shared/api/contract.js';
import { CHANNEL_DELIVERY_STATES, CHANNEL_FAILURES, CHANNELS, CONVERSATION_STATUSES, MessageAuthor, Presence } from '../../src-shared/domain/model.js';
import { IDENTITY_KINDS, MERGE_REASONS } from '../../src-shared/domain/customers.js';
import { AuditAction, AuditTarget } from '../../src-shared/domain/audit.js';
import { IDENTITY_CHECK_METHODS, PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATUSES, REMINDER_STAGES, REQUEST_CHANNELS } from '../../src-shared/privacy/privacy-requests.js';
import { PRIVACY_REGIMES } from '../../src-shared/privacy/request-deadlines.js';
import { SHORTCUT_HELP } from '../shortcuts/shortcut-keys.js';
import en from './en.json';
import intents from '../../resources/ai/intents.json';

// The renderer's own source, read as text by Vite so the test needs no Node file access.
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

function has(key: string): boolean {
  const catalogue = en as Record<string, unknown>;
  const walk = (node: unknown, parts: string[]): boolean => {
    if (parts.length === 0) return typeof node === 'string';
    if (typeof node !== 'object' || node === null) return false;
    const [head, ...rest] = parts as [string, ...string[]];
    const children = node as Record<string, unknown>;
    // i18next plurals: `count` picks key_one / key_other.
    if (rest.length === 0 && !(head in children)) return typeof children[`${head}_other`] === 'string';
    return walk(children[head], rest);
  };
  return walk(catalogue, key.split('.'));
}

describe('the English catalogue', () => {
  it('has every key the code asks for by name', () => {
    const keys = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z.-]+)'/g)) keys.add(match[1] ?? '');
      for (const match of text.matchAll(/\b(?:titleKey|label)[=:]\s*['"]([a-zA-Z]+\.[a-zA-Z.-]+)['"]/g)) keys.add(match[1] ?? '');
    }
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((key) => !has(key))).toEqual([]);
  });

  it('names every value the code builds keys from', () => {
    const built = [
      ...CONVERSATION_STATUSES.map((s) => `status.${s}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...Presence.options.map((p) => `presence.${p}`),
      ...['online', 'connecting', 'offline', 'signed-out'].map((s) => `connection.${s}`),
      ...ConversationListFilter.options.flatMap((f) => [`inbox.filter.${f}`, `inbox.empty.${f}`]),
      ...MessageAuthor.options.map((a) => `conversation.author.${a}`),
      ...CHANNEL_DELIVERY_STATES.filter((s) => s !== 'failed').map((s) => `channelDelivery.${s}`),
      ...CHANNEL_FAILURES.map((f) => `channelFailure.${f}`),
      ...IDENTITY_KINDS.map((k) => `customer.identity.${k}`),
      ...MERGE_REASONS.map((r) => `customer.reason.${r}`),
      ...AuditAction.options.map((a) => `admin.audit.actions.${a}`),
      ...AuditTarget.shape.type.options.map((type) => `admin.audit.targets.${type}`),
      ...PRIVACY_REQUEST_KINDS.map((k) => `privacy.kind.${k}`),
      ...PRIVACY_REQUEST_STATUSES.map((s) => `privacy.status.${s}`),
      ...PRIVACY_REGIMES.map((r) => `privacy.regime.${r}`),
      ...REQUEST_CHANNELS.map((c) => `privacy.channel.${c}`),
      ...IDENTITY_CHECK_METHODS.map((m) => `privacy.identity.${m}`),
      ...REMINDER_STAGES.map((s) => `privacy.reminder.${s}`),
      ...intents.intents.map((intent) => `intentName.${intent.id}`),
      ...SHORTCUT_HELP.flatMap((row) => [row.label, ...row.keys.filter((k) => k.startsWith('keys.'))]),
    ];
    expect(built.filter((key) => !has(key))).toEqual([]);
  });
});
