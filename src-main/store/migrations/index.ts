import type { Migration } from '../../../src-node/sqlite/migration.js';
import { createCacheTables } from './0001-create-cache-tables.js';
import { addMessageSearch } from './0002-add-message-search.js';
import { addNotesClaimsNoticesResync } from './0003-add-notes-claims-notices-resync.js';
import { deferMessageIndexing } from './0004-defer-message-indexing.js';
import { addTranslationsAndInsights } from './0005-add-translations-and-insights.js';
import { addRegionalNoteDismissals } from './0006-add-regional-note-dismissals.js';
import { addArticles } from './0007-add-articles.js';
import { addArticleDrafts } from './0008-add-article-drafts.js';
import { addColleagues } from './0009-add-colleagues.js';
import { addPublicArticles } from './0010-add-public-articles.js';
import { addUnspacedGrams } from './0011-add-unspaced-grams.js';
import { addSlaAndVip } from './0012-add-sla-and-vip.js';
import { addAgentStates } from './0013-add-agent-states.js';
import { addOffers } from './0014-add-offers.js';
import { addCalls } from './0015-add-calls.js';
import { addPhoneSettings } from './0016-add-phone-settings.js';
import { addTeamNames } from './0017-add-team-names.js';
import { addPendingWrapUps } from './0018-add-pending-wrap-ups.js';
import { showEveryConversationColumn } from './0019-show-every-conversation-column.js';
import { addChannelDelivery } from './0020-add-channel-delivery.js';
import { addCustomers } from './0021-add-customers.js';
import { addReplyTemplates } from './0022-add-reply-templates.js';
import { addMessageAttachments } from './0023-add-message-attachments.js';
import { addDirectoryVersion } from './0024-add-directory-version.js';
import { addMessagePendingFiles } from './0025-add-message-pending-files.js';

/** Every migration of the cache, in order; append, never edit a released one. Each has its case in testing/ (migrations.test.ts fails without one). */
export const CACHE_MIGRATIONS: readonly Migration[] = [createCacheTables, addMessageSearch, addNotesClaimsNoticesResync, deferMessageIndexing, addTranslationsAndInsights, addRegionalNoteDismissals, addArticles, addArticleDrafts, addColleagues, addPublicArticles, addUnspacedGrams, addSlaAndVip, addAgentStates, addOffers, addCalls, addPhoneSettings, addTeamNames, addPendingWrapUps, showEveryConversationColumn, addChannelDelivery, addCustomers, addReplyTemplates, addMessageAttachments, addDirectoryVersion, addMessagePendingFiles];
