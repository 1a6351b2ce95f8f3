import { describe, it } from 'vitest';
import { checkCoverage, checkMigration } from '../../../src-node/testing/migration-harness.js';
import { sqliteEngine } from '../../../src-node/testing/sqlite-engine.js';
import { CACHE_MIGRATIONS } from './index.js';
import { CASES_0001_0006 } from './testing/cases-0001-0006.js';
import { CASES_0007_0012 } from './testing/cases-0007-0012.js';
import { CASES_0013_0019 } from './testing/cases-0013-0019.js';
import { CASES_0020 } from './testing/cases-0020.js';
import { CASES_ATTACHMENTS } from './testing/cases-attachments.js';
import { CASES_CUSTOMERS } from './testing/cases-customers.js';
import { CASES_0022 } from './testing/cases-0022.js';
import { CASES_DIRECTORY_VERSION } from './testing/cases-directory-version.js';
import { CASES_REPLY_EMAIL } from './testing/cases-reply-email.js';
import { CASES_PENDING_FILES } from './testing/cases-pending-files.js';
import { CASES_MASKED_CARDS } from './testing/cases-masked-cards.js';
import { CASES_ARTICLE_TITLES } from './testing/cases-article-titles.js';
import { CASES_SEARCH_KEY } from './testing/cases-search-key.js';
import { CASES_SAVED_FILTERS } from './testing/cases-saved-filters.js';

const CASES = [...CASES_0001_0006, ...CASES_0007_0012, ...CASES_0013_0019, ...CASES_0020, ...CASES_CUSTOMERS, ...CASES_0022, ...CASES_ATTACHMENTS, ...CASES_DIRECTORY_VERSION, ...CASES_REPLY_EMAIL, ...CASES_PENDING_FILES, ...CASES_MASKED_CARDS, ...CASES_ARTICLE_TITLES, ...CASES_SEARCH_KEY, ...CASES_SAVED_FILTERS];

describe('cache migrations', () => {
  it('has a case for every migration, in order', () => {
    checkCoverage(CACHE_MIGRATIONS, CASES);
  });

  it.each(CASES.map((c) => [`${c.migration.version} ${c.migration.name}`, c] as const))('%s: from the version before, with rows', async (_, migrationCase) => {
    await checkMigration(sqliteEngine, CACHE_MIGRATIONS, migrationCase);
  });
});
