import { z } from 'zod';
import { ARTICLE_MUTATIONS } from './article-mutations.js';
import { CALL_MUTATIONS } from './call-mutations.js';
import { CONVERSATION_MUTATIONS } from './conversation-mutations.js';
import { CUSTOMER_MUTATIONS } from './customer-mutations.js';
import { PRESENCE_MUTATIONS } from './presence-mutations.js';

/**
 * What a client asks the relay to do, one schema per kind, grouped by domain in this folder.
 * A new kind goes into its domain's list; the desk (src-main/sync/mutations) and the relay
 * (src-relay/sync/mutation-rules.ts) are then told by the compiler that it needs handling.
 */
export const MutationBody = z.discriminatedUnion('kind', [...CONVERSATION_MUTATIONS, ...ARTICLE_MUTATIONS, ...PRESENCE_MUTATIONS, ...CALL_MUTATIONS, ...CUSTOMER_MUTATIONS]);
export type MutationBody = z.infer<typeof MutationBody>;
export type MutationKind = MutationBody['kind'];
/** The mutation of one kind. */
export type MutationOf<K extends MutationKind> = Extract<MutationBody, { kind: K }>;
