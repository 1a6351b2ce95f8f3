import type { PostgresMigration } from '../../../../src-node/postgres/migration.js';
import { createRelaySchema } from './0001-create-relay-schema.js';
import { addTenantHeads } from './0002-add-tenant-heads.js';
import { addChannels } from './0003-add-channels.js';
import { addFiles } from './0004-add-files.js';
import { addChannelAccountDisconnection } from './0005-add-channel-account-disconnection.js';
import { addCustomerIdentities } from './0006-add-customer-identities.js';
import { addChannelTemplates } from './0007-add-channel-templates.js';
import { addEmail } from './0009-add-email.js';
import { addMailboxesAndBlockedSenders } from './0010-add-mailboxes-and-blocked-senders.js';
import { addImapFolderSyncOutcome } from './0011-add-imap-folder-sync-outcome.js';
import { addEmailReplies } from './0012-add-email-replies.js';
import { addChannelMediaFetches } from './0013-add-channel-media-fetches.js';
import { addChannelSendParts } from './0014-add-channel-send-parts.js';
import { addAuditLog } from './0015-add-audit-log.js';
import { addPrivacyRequests } from './0016-add-privacy-requests.js';
import { addMaskingPolicy } from './0017-add-masking-policy.js';
import { addSignInSecurity } from './0018-add-sign-in-security.js';
import { addConversationRetention } from './0019-add-conversation-retention.js';
import { addSingleSignOn } from './0020-add-single-sign-on.js';
import { addModelSets } from './0021-add-model-sets.js';
import { addStoredRoutingOrderAndLoads } from './0023-add-stored-routing-order-and-loads.js';
import { addOfferHolderIndex } from './0022-add-offer-holder-index.js';
import { addWaitingByLanguageIndex } from './0024-add-waiting-by-language-index.js';

import { addMessageAttachments } from './0008-add-message-attachments.js';
/**
 * The relay's PostgreSQL migrations, in order: their own history, beside SQLite's
 * (../../migrations). Append; never edit a released one. Each has its case in testing/.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [createRelaySchema, addTenantHeads, addChannels, addFiles, addChannelAccountDisconnection, addCustomerIdentities, addChannelTemplates, addMessageAttachments, addEmail, addMailboxesAndBlockedSenders, addImapFolderSyncOutcome, addEmailReplies, addChannelMediaFetches, addChannelSendParts, addAuditLog, addPrivacyRequests, addMaskingPolicy, addSignInSecurity, addConversationRetention, addSingleSignOn, addModelSets, addOfferHolderIndex, addStoredRoutingOrderAndLoads, addWaitingByLanguageIndex];
