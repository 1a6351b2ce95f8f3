import type { Migration } from '../migrate.js';
import { createAccounts } from './0001-create-accounts.js';
import { createConversationsAndLog } from './0002-create-conversations-and-log.js';

/** Every migration, in order. Append; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [createAccounts, createConversationsAndLog];
