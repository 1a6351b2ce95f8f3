import { z } from 'zod';

/**
 * A sender address or a whole domain whose mail a tenant refuses. `value` is stored normalized
 * (normalizeBlockValue): lower-case, the domain in its ASCII (punycode) form, so that
 * `Müller.example` and `xn--mller-kva.example` are one entry.
 */
export const BlockedSender = z.object({
  value: z.string().min(3).max(254),
  kind: z.enum(['address', 'domain']),
  blockedBy: z.string().max(100),
  blockedAt: z.number().int().nonnegative(),
});
export type BlockedSender = z.infer<typeof BlockedSender>;

/** The WHATWG URL class: a global in Node and in every browser, though not in the ES library this folder is checked against. */
declare const URL: new (input: string) => { readonly hostname: string };

/** The ASCII form of a domain, lower-case; null when it is not a domain name (a space, a port, a path, a bare label). */
export function asciiDomain(domain: string): string | null {
  const trimmed = domain.trim().replace(/\.$/, '');
  if (!trimmed || /[\s/@:?#[\]\\%]/.test(trimmed)) return null;
  let hostname: string;
  try {
    // The WHATWG URL parser applies UTS #46 (IDNA) on every side: in the desk, in the relay.
    hostname = new URL(`http://${trimmed}/`).hostname;
  } catch {
    return null;
  }
  if (!hostname.includes('.') || /^[\d.]+$/.test(hostname)) return null;
  return hostname;
}

/** An address's local part kept as written but lower-cased, its domain in ASCII; null when it is not an address. */
export function normalizeAddress(address: string): string | null {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return null;
  const local = trimmed.slice(0, at);
  if (/[\s<>]/.test(local)) return null;
  const domain = asciiDomain(trimmed.slice(at + 1));
  return domain ? `${local.toLowerCase()}@${domain}` : null;
}

/** What an administrator typed, as an entry: an address when it has an @, else a domain (a leading `@` or `*.` is allowed). */
export function normalizeBlockValue(input: string): { kind: BlockedSender['kind']; value: string } | null {
  const trimmed = input.trim();
  if (trimmed.includes('@') && !trimmed.startsWith('@')) {
    const value = normalizeAddress(trimmed);
    return value ? { kind: 'address', value } : null;
  }
  const value = asciiDomain(trimmed.replace(/^@|^\*\./, ''));
  return value ? { kind: 'domain', value } : null;
}

/**
 * Whether mail from `from` (a bare address, or `Name <address>`) is refused: its address is
 * blocked, or its domain or any domain above it is (blocking `example.com` blocks
 * `mail.example.com`). Case and IDN spelling do not matter. An address that cannot be read is
 * not blocked here: the pipeline decides what to do with it.
 */
export function isBlockedSender(from: string, list: readonly Pick<BlockedSender, 'kind' | 'value'>[]): boolean {
  const angled = /<([^<>]*)>\s*$/.exec(from);
  const address = normalizeAddress(angled?.[1] ?? from);
  if (!address) return false;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return list.some((entry) =>
    entry.kind === 'address' ? entry.value === address : domain === entry.value || domain.endsWith(`.${entry.value}`),
  );
}
