import ipaddr from 'ipaddr.js';
import { KeyedBudgets } from './keyed-budgets.js';

/** A burst, then one more every `refillMs`. */
export interface Rate {
  burst: number;
  refillMs: number;
}

/**
 * What the public chat allows one visitor and one network address, however many sockets or tabs
 * they open. Per address is looser than per visitor: an office or a mobile carrier puts many
 * customers behind one address.
 */
export interface WebchatLimitSettings {
  /** A person typing never reaches the burst; then one message every two seconds. */
  sendsPerVisitor: Rate;
  sendsPerAddress: Rate;
  /** New conversations (not a returning visitor's): opening one is a commit, routing and an offer. */
  newChatsPerAddress: Rate;
  uploadsPerVisitor: Rate;
  uploadsPerAddress: Rate;
}

export const DEFAULT_WEBCHAT_LIMITS: WebchatLimitSettings = {
  sendsPerVisitor: { burst: 20, refillMs: 2000 },
  sendsPerAddress: { burst: 120, refillMs: 250 },
  newChatsPerAddress: { burst: 20, refillMs: 30_000 },
  uploadsPerVisitor: { burst: 10, refillMs: 10_000 },
  uploadsPerAddress: { burst: 40, refillMs: 2000 },
};

export type LimitRefusal = 'sends' | 'new-chats' | 'uploads';

/**
 * The web chat's limits, kept in memory per relay node. Counting on every node would cost a
 * database write per customer message; in a cluster of N nodes a flood spread over all of them
 * gets at most N times these limits, which still bounds it.
 */
export class WebchatLimits {
  private readonly sendsPerVisitor: KeyedBudgets;
  private readonly sendsPerAddress: KeyedBudgets;
  private readonly newChatsPerAddress: KeyedBudgets;
  private readonly uploadsPerVisitor: KeyedBudgets;
  private readonly uploadsPerAddress: KeyedBudgets;
  private readonly settings: WebchatLimitSettings;

  constructor(settings: Partial<WebchatLimitSettings> = {}) {
    const limits = { ...DEFAULT_WEBCHAT_LIMITS, ...settings };
    this.settings = limits;
    const budgets = (rate: Rate) => new KeyedBudgets(rate.burst, rate.refillMs);
    this.sendsPerVisitor = budgets(limits.sendsPerVisitor);
    this.sendsPerAddress = budgets(limits.sendsPerAddress);
    this.newChatsPerAddress = budgets(limits.newChatsPerAddress);
    this.uploadsPerVisitor = budgets(limits.uploadsPerVisitor);
    this.uploadsPerAddress = budgets(limits.uploadsPerAddress);
  }

  /** Spends one message of the visitor's conversation and of their address, or neither. */
  send(conversationId: string, address: string, now: number): LimitRefusal | null {
    return takeBoth(this.sendsPerVisitor, conversationId, this.sendsPerAddress, addressKey(address), now) ? null : 'sends';
  }

  newChat(address: string, now: number): LimitRefusal | null {
    return this.newChatsPerAddress.take(addressKey(address), now) ? null : 'new-chats';
  }

  upload(conversationId: string, address: string, now: number): LimitRefusal | null {
    return takeBoth(this.uploadsPerVisitor, conversationId, this.uploadsPerAddress, addressKey(address), now) ? null : 'uploads';
  }

  /** Seconds after which a refused upload may be sent again: both of its budgets have one more by then. */
  get uploadRetryAfterSeconds(): number {
    return Math.ceil(Math.max(this.settings.uploadsPerVisitor.refillMs, this.settings.uploadsPerAddress.refillMs) / 1000);
  }
}

function takeBoth(first: KeyedBudgets, firstKey: string, second: KeyedBudgets, secondKey: string, now: number): boolean {
  if (!first.allows(firstKey, now) || !second.allows(secondKey, now)) return false;
  return first.take(firstKey, now) && second.take(secondKey, now);
}

/**
 * One key per network: an IPv4 address as it is, an IPv6 one by its /64, which is what one
 * household or phone is given (a script could otherwise walk through 2^64 addresses of its own).
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}
