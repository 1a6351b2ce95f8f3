import type { CustomerIdentity, IdentityKind, MergeSuggestion } from '../../../src-shared/domain/customers.js';
import type { Customer } from './conversations.js';

/** A customer holding an identity. */
export interface HeldIdentity {
  customerId: string;
  identity: CustomerIdentity;
}

/** What a merge moved from the source to the target, so that an unmerge puts back exactly that. */
export interface MergeMoves {
  conversationIds: string[];
  /**
   * Each identity the source had: `moved` to the target, or dropped because the target held the
   * same value already (then `upgraded` says whether the merge made the target's copy verified).
   */
  identities: { identity: CustomerIdentity; moved: boolean; upgraded: boolean }[];
  /** Suggestions that named the source, dropped by the merge. */
  suggestions: MergeSuggestion[];
}

export interface StoredMerge {
  id: string;
  tenantId: string;
  sourceCustomerId: string;
  targetCustomerId: string;
  mergedBy: string;
  mergedByName: string;
  mergedAt: number;
  moves: MergeMoves;
  unmergedBy: string | null;
  unmergedAt: number | null;
}

/**
 * One customer across channels: the identities customers are known by, suggestions that two may
 * be one, and the merges agents made. A verified value is held by one customer of the tenant; an
 * unverified one by any number, once each.
 */
export interface CustomersRepository {
  findCustomer(tenantId: string, customerId: string): Promise<Customer | null>;
  /** The tenant's customers named exactly `name`, oldest first, at most `limit`. */
  listNamed(tenantId: string, name: string, limit: number): Promise<Customer[]>;
  /** False, writing nothing, when the customer holds the value already or (verified) another customer holds it verified. */
  addIdentity(tenantId: string, customerId: string, identity: CustomerIdentity, at: number): Promise<boolean>;
  /** Channel users first, then phones, then emails; each kind by value. */
  listIdentities(tenantId: string, customerId: string): Promise<CustomerIdentity[]>;
  /** Who holds any of these values (of their kinds), verified or not. */
  findHolders(tenantId: string, values: readonly { kind: IdentityKind; value: string }[]): Promise<HeldIdentity[]>;
  /** Gives the customer's copy of a value to another customer, its verification with it. */
  moveIdentity(tenantId: string, kind: IdentityKind, value: string, fromCustomerId: string, toCustomerId: string): Promise<void>;
  removeIdentity(tenantId: string, customerId: string, kind: IdentityKind, value: string): Promise<void>;
  setIdentityVerified(tenantId: string, customerId: string, kind: IdentityKind, value: string, verified: boolean): Promise<void>;
  /** The conversations, their messaging contacts and chat visitors now belong to this customer. */
  moveConversations(tenantId: string, conversationIds: readonly string[], toCustomerId: string): Promise<void>;
  /** False, writing nothing, when the same pair was suggested already. */
  insertSuggestion(tenantId: string, suggestion: MergeSuggestion): Promise<boolean>;
  /** Suggestions naming the customer on either side, oldest first. */
  listSuggestions(tenantId: string, customerId: string): Promise<MergeSuggestion[]>;
  deleteSuggestion(tenantId: string, suggestionId: string): Promise<void>;
  /** A customer stands merged into one other at a time: a second merge of the same source (not undone) fails. */
  insertMerge(merge: StoredMerge): Promise<void>;
  findMerge(tenantId: string, mergeId: string): Promise<StoredMerge | null>;
  /** Merges into this customer not undone, oldest first. */
  listMergesInto(tenantId: string, customerId: string): Promise<StoredMerge[]>;
  /** The merge (not undone) that took this customer into another. */
  findMergeOf(tenantId: string, sourceCustomerId: string): Promise<StoredMerge | null>;
  markUnmerged(tenantId: string, mergeId: string, by: string, at: number): Promise<void>;
  /** For an erasure, before the customer row goes: every identity, suggestion and merge naming the customer. */
  forgetCustomer(tenantId: string, customerId: string): Promise<void>;
}
