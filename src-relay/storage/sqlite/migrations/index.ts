import type { Migration } from '../../../../src-node/sqlite/migration.js';
import { createAccounts } from './0001-create-accounts.js';
import { createConversationsAndLog } from './0002-create-conversations-and-log.js';
import { addNotesErasureAndLogFloor } from './0003-add-notes-erasure-and-log-floor.js';
import { addMessageOriginals } from './0004-add-message-originals.js';
import { createArticles } from './0005-create-articles.js';
import { addTeamSchedules } from './0006-add-team-schedules.js';
import { addSla } from './0007-add-sla.js';
import { addRoutingProfiles } from './0008-add-routing-profiles.js';
import { addRatings } from './0009-add-ratings.js';
import { addConversationSignals } from './0010-add-conversation-signals.js';
import { addAgentStates } from './0011-add-agent-states.js';
import { addOffers } from './0012-add-offers.js';
import { addCalls } from './0013-add-calls.js';
import { addChannels } from './0014-add-channels.js';
import { addFiles } from './0015-add-files.js';
import { addChannelAccountDisconnection } from './0016-add-channel-account-disconnection.js';
import { addCustomerIdentities } from './0017-add-customer-identities.js';
import { addChannelTemplates } from './0018-add-channel-templates.js';
import { addMessageAttachments } from './0019-add-message-attachments.js';
import { addEmail } from './0020-add-email.js';
import { addMailboxesAndBlockedSenders } from './0021-add-mailboxes-and-blocked-senders.js';
import { addAuditLog } from './0022-add-audit-log.js';

/** Every migration, in order. Append; never edit a released one. Each has its case in testing/ (migrations.test.ts fails without one). */
export const MIGRATIONS: readonly Migration[] = [createAccounts, createConversationsAndLog, addNotesErasureAndLogFloor, addMessageOriginals, createArticles, addTeamSchedules, addSla, addRoutingProfiles, addRatings, addConversationSignals, addAgentStates, addOffers, addCalls, addChannels, addFiles, addChannelAccountDisconnection, addCustomerIdentities, addChannelTemplates, addMessageAttachments, addEmail, addMailboxesAndBlockedSenders, addAuditLog];
