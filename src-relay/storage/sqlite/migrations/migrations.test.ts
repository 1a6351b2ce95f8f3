import { describe, it } from 'vitest';
import { checkCoverage, checkMigration } from '../../../../src-node/testing/migration-harness.js';
import { sqliteEngine } from '../../../../src-node/testing/sqlite-engine.js';
import { MIGRATIONS } from './index.js';
import { CASES_0001_0007 } from './testing/cases-0001-0007.js';
import { CASES_0008_0013 } from './testing/cases-0008-0013.js';
import { CASES_0014 } from './testing/cases-0014.js';
import { CASES_CUSTOMER_IDENTITIES } from './testing/cases-customer-identities.js';
import { CASES_FILES } from './testing/cases-files.js';
import { CASES_0016 } from './testing/cases-0016.js';
import { CASES_ATTACHMENTS } from './testing/cases-attachments.js';
import { CASES_EMAIL } from './testing/cases-email.js';
import { CASES_MAILBOXES } from './testing/cases-mailboxes.js';
import { CASES_TEMPLATES } from './testing/cases-templates.js';
import { CASES_EMAIL_REPLIES } from './testing/cases-email-replies.js';
import { CASES_MEDIA_FETCHES } from './testing/cases-media-fetches.js';
import { CASES_SEND_PARTS } from './testing/cases-send-parts.js';
import { CASES_AUDIT } from './testing/cases-audit.js';
import { CASES_PRIVACY_REQUESTS } from './testing/cases-privacy-requests.js';
import { CASES_MASKING_POLICY } from './testing/cases-masking-policy.js';
import { CASES_SIGN_IN } from './testing/cases-sign-in.js';
import { CASES_RETENTION } from './testing/cases-retention.js';
import { CASES_SINGLE_SIGN_ON } from './testing/cases-single-sign-on.js';
import { CASES_MODEL_SETS } from './testing/cases-model-sets.js';
import { CASES_OFFER_HOLDER_INDEX } from './testing/cases-offer-holder-index.js';
import { CASES_ROUTING_ORDER_AND_LOADS } from './testing/cases-routing-order-and-loads.js';

import { CASES_WAITING_BY_LANGUAGE } from './testing/cases-waiting-by-language.js';
const CASES = [...CASES_0001_0007, ...CASES_0008_0013, ...CASES_0014, ...CASES_FILES, ...CASES_0016, ...CASES_CUSTOMER_IDENTITIES, ...CASES_TEMPLATES, ...CASES_ATTACHMENTS, ...CASES_EMAIL, ...CASES_MAILBOXES, ...CASES_EMAIL_REPLIES, ...CASES_MEDIA_FETCHES, ...CASES_SEND_PARTS, ...CASES_AUDIT, ...CASES_PRIVACY_REQUESTS, ...CASES_MASKING_POLICY, ...CASES_SIGN_IN, ...CASES_RETENTION, ...CASES_SINGLE_SIGN_ON, ...CASES_MODEL_SETS, ...CASES_OFFER_HOLDER_INDEX, ...CASES_ROUTING_ORDER_AND_LOADS, ...CASES_WAITING_BY_LANGUAGE];

describe('relay migrations', () => {
  it('has a case for every migration, in order', () => {
    checkCoverage(MIGRATIONS, CASES);
  });

  it.each(CASES.map((c) => [`${c.migration.version} ${c.migration.name}`, c] as const))('%s: from the version before, with rows', async (_, migrationCase) => {
    await checkMigration(sqliteEngine, MIGRATIONS, migrationCase);
  });
});
