import { describe, expect, it } from 'vitest';
import { NewPrivacyRequest, reminderStage, statusRefusal } from './privacy-requests.js';

const DAY = 86_400_000;
const facts = { reason: false, extendable: true, extended: false, identityChecked: false };

describe('statusRefusal', () => {
  it('wants a reason to refuse or extend, an extension the law allows, once, and an identity check before done', () => {
    expect(statusRefusal('received', 'refused', facts)).toMatch(/why/);
    expect(statusRefusal('received', 'refused', { ...facts, reason: true })).toBeNull();
    expect(statusRefusal('in_progress', 'extended', { ...facts, reason: true, extendable: false })).toMatch(/no extension/);
    expect(statusRefusal('in_progress', 'extended', { ...facts, reason: true, extended: true })).toMatch(/once/);
    expect(statusRefusal('in_progress', 'extended', { ...facts, reason: true })).toBeNull();
    expect(statusRefusal('in_progress', 'done', facts)).toMatch(/identity/);
    expect(statusRefusal('in_progress', 'done', { ...facts, identityChecked: true })).toBeNull();
    expect(statusRefusal('identity_checked', 'received', facts)).toMatch(/back/);
  });

  it('keeps a finished request finished', () => {
    expect(statusRefusal('done', 'in_progress', { ...facts, identityChecked: true })).toMatch(/done already/);
    expect(statusRefusal('refused', 'done', { ...facts, identityChecked: true })).toMatch(/refused already/);
  });
});

describe('reminderStage', () => {
  it('a week before, two days before, and once overdue', () => {
    const due = 100 * DAY;
    expect(reminderStage(due, due - 8 * DAY)).toBeNull();
    expect(reminderStage(due, due - 7 * DAY)).toBe('week');
    expect(reminderStage(due, due - 2 * DAY)).toBe('two_days');
    expect(reminderStage(due, due)).toBe('two_days');
    expect(reminderStage(due, due + 1)).toBe('overdue');
  });
});

describe('NewPrivacyRequest', () => {
  it('trims what was typed and refuses an empty requester', () => {
    const parsed = NewPrivacyRequest.parse({ customerId: 'c1', kind: 'access', channel: 'email', requesterName: '  Ana  ' });
    expect(parsed).toMatchObject({ requesterName: 'Ana', onBehalf: false, note: '' });
    expect(NewPrivacyRequest.safeParse({ customerId: 'c1', kind: 'access', channel: 'email', requesterName: '   ' }).success).toBe(false);
    expect(NewPrivacyRequest.safeParse({ customerId: 'c1', kind: 'delete-all', channel: 'email', requesterName: 'Ana' }).success).toBe(false);
  });
});
