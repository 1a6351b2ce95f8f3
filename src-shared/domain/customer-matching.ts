import { channelIdentity, type CustomerIdentity, type MergeReason } from './customers.js';
import type { Channel } from './model.js';
import { phoneOfChannelUser, type PhoneNumber } from './phone-numbers.js';

/**
 * Whether someone who just arrived on a channel is a customer we know. A verified phone or email
 * that a customer of the tenant holds verified is proof: the newcomer is that customer. Anything
 * weaker (one side unverified, or the same full name in a compatible market) is only a hint, for
 * an agent to judge: a merge suggestion.
 */

/** Who just arrived: their name, market and the identities their channel gave. */
export interface Newcomer {
  name: string;
  market: string | null;
  identities: readonly CustomerIdentity[];
}

/** A customer of the tenant holding one of the newcomer's phone or email values (verified or not). */
export interface IdentityHolder {
  customerId: string;
  identity: CustomerIdentity;
}

/** A customer of the tenant with the newcomer's name (as stored, before normalizing). */
export interface NamedCustomer {
  id: string;
  name: string;
  market: string | null;
  createdAt: number;
}

export type CustomerMatch =
  | { kind: 'link'; customerId: string; by: 'phone' | 'email' }
  | { kind: 'suggest'; customerId: string; reason: MergeReason }
  | { kind: 'none' };

/**
 * What a messaging app's user is known by: their id on the account, and the phone number it is
 * (WhatsApp, SMS, Viber). An email sender's address is an email identity, unverified: a From
 * header proves nothing (anyone may write it), so it suggests a merge rather than making one.
 */
export function identitiesOfChannelUser(
  channel: Channel,
  accountId: string,
  externalId: string,
  /** The user's number, when the caller has parsed it already (parsing is most of this function's cost). */
  phone: PhoneNumber | null = phoneOfChannelUser(channel, externalId),
): CustomerIdentity[] {
  const identities = [channelIdentity(channel, accountId, externalId)];
  if (channel === 'email') return [...identities, { kind: 'email', value: externalId.toLowerCase(), verified: false }];
  return phone ? [...identities, { kind: 'phone', value: phone.e164, verified: true }] : identities;
}

/** Phones prove more than emails (a provider checked them); the order decides between two customers. */
const PROVING_KINDS = ['phone', 'email'] as const;

export function matchCustomer(newcomer: Newcomer, holders: readonly IdentityHolder[], named: readonly NamedCustomer[]): CustomerMatch {
  const byId = [...holders].sort((a, b) => compareIds(a.customerId, b.customerId));
  for (const kind of PROVING_KINDS) {
    for (const mine of newcomer.identities.filter((i) => i.kind === kind && i.verified)) {
      const proof = byId.find(({ identity }) => identity.kind === kind && identity.value === mine.value && identity.verified);
      if (proof) return { kind: 'link', customerId: proof.customerId, by: kind };
    }
  }
  for (const kind of PROVING_KINDS) {
    for (const mine of newcomer.identities.filter((i) => i.kind === kind)) {
      const hint = byId.find(({ identity }) => identity.kind === kind && identity.value === mine.value);
      if (hint) return { kind: 'suggest', customerId: hint.customerId, reason: kind };
    }
  }
  const namesake = namesakeOf(newcomer, named);
  return namesake ? { kind: 'suggest', customerId: namesake.id, reason: 'name' } : { kind: 'none' };
}

/** The oldest customer with the newcomer's full name whose market does not contradict theirs. */
function namesakeOf(newcomer: Newcomer, named: readonly NamedCustomer[]): NamedCustomer | null {
  const name = normalName(newcomer.name);
  if (!isFullName(name)) return null;
  const fits = named.filter((c) => normalName(c.name) === name && marketsFit(newcomer.market, c.market));
  fits.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
  return fits[0] ?? null;
}

/** Case, width and spacing do not make two names differ. */
export function normalName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A name that says who someone is, not just what they are called: two words or more ("kim weber",
 * "สมชาย ใจดี"), or three characters or more of a script that writes full names without a space
 * ("王小明", "さとうはな"). "Kim", "Mom" or a number used as a profile name say too little.
 */
export function isFullName(normal: string): boolean {
  if (!/\p{L}/u.test(normal)) return false;
  if (normal.split(' ').length >= 2) return true;
  return WRITTEN_WITHOUT_SPACES.test(normal) && [...normal].length >= 3;
}

const WRITTEN_WITHOUT_SPACES = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;

function marketsFit(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/** Byte order, as both relay databases compare ids. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
