import { z } from 'zod';

/**
 * What a relay node tells the others after it commits for a tenant: the tenant's head seq,
 * never the events (every node reads those from the log, which stays the only truth).
 * Unknown fields are ignored, so a node of the next version may add some during a rolling upgrade.
 */
export const Poke = z.object({
  tenant: z.string().min(1).max(256),
  head: z.number().int().nonnegative(),
  node: z.string().min(1).max(128),
});
export type Poke = z.infer<typeof Poke>;

/** A poke is a few dozen bytes; anything much larger is not one and is not parsed. */
const MAX_POKE_BYTES = 1024;

const SUBJECT_PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Throws on a prefix that is not plain subject tokens (no wildcards, no empty tokens). */
export function checkSubjectPrefix(prefix: string): string {
  if (!SUBJECT_PREFIX.test(prefix)) throw new Error(`NATS subject prefix "${prefix}" must be dot-separated tokens of letters, digits, "_" and "-"`);
  return prefix;
}

/**
 * One subject per tenant, `<prefix>.poke.<tenant token>`: every node subscribes to
 * `<prefix>.poke.*` today, but per-tenant subjects let an operator watch one company
 * (`nats sub 'relay.poke.acme'`), grant NATS permissions per tenant, and let a node that serves
 * only some tenants subscribe to just those later, with no change to the format.
 */
export function pokeSubject(prefix: string, tenantId: string): string {
  return `${prefix}.poke.${tenantToken(tenantId)}`;
}

export function pokeWildcard(prefix: string): string {
  return `${prefix}.poke.*`;
}

/**
 * Tenant ids are free text; a subject token may not hold `.`, `*`, `>` or spaces. Letters,
 * digits and `-` stay as they are; every other UTF-8 byte becomes `_` and two hex digits
 * (so `_` itself is escaped too, which keeps the mapping one-to-one).
 */
export function tenantToken(tenantId: string): string {
  let token = '';
  for (const byte of new TextEncoder().encode(tenantId)) {
    const char = String.fromCharCode(byte);
    token += /[A-Za-z0-9-]/.test(char) ? char : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return token;
}

export function encodePoke(poke: Poke): string {
  return JSON.stringify(poke);
}

/**
 * The poke a message carries, or null when it is not a valid one: too large, not JSON, not
 * the schema, or sent on another tenant's subject (the payload names the tenant; the subject
 * must agree, so a subscriber to one tenant's subject never gets another's head).
 */
export function decodePoke(prefix: string, subject: string, data: Uint8Array): Poke | null {
  if (data.byteLength > MAX_POKE_BYTES) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return null;
  }
  const parsed = Poke.safeParse(json);
  if (!parsed.success) return null;
  return subject === pokeSubject(prefix, parsed.data.tenant) ? parsed.data : null;
}
