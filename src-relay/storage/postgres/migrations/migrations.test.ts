import { describe, it } from 'vitest';
import { checkCoverage, checkMigration } from '../../../../src-node/testing/migration-harness.js';
import { postgresEngine } from '../../../../src-node/testing/postgres-engine.js';
import { postgresAvailable } from '../../../../src-node/testing/postgres-schema.js';
import { POSTGRES_MIGRATIONS } from './index.js';
import { POSTGRES_CASES } from './testing/cases.js';
import { POSTGRES_CASES_0005 } from './testing/cases-0005.js';
import { POSTGRES_CASES_ATTACHMENTS } from './testing/cases-attachments.js';
import { POSTGRES_CUSTOMER_CASES } from './testing/cases-customer-identities.js';
import { POSTGRES_EMAIL_CASES } from './testing/cases-email.js';
import { POSTGRES_MAILBOX_CASES } from './testing/cases-mailboxes.js';
import { POSTGRES_TEMPLATE_CASES } from './testing/cases-templates.js';
import { POSTGRES_EMAIL_REPLY_CASES } from './testing/cases-email-replies.js';
import { POSTGRES_MEDIA_FETCH_CASES } from './testing/cases-media-fetches.js';
import { POSTGRES_SEND_PART_CASES } from './testing/cases-send-parts.js';
import { POSTGRES_AUDIT_CASES } from './testing/cases-audit.js';
import { POSTGRES_PRIVACY_REQUEST_CASES } from './testing/cases-privacy-requests.js';
import { POSTGRES_MASKING_POLICY_CASES } from './testing/cases-masking-policy.js';
import { POSTGRES_SIGN_IN_CASES } from './testing/cases-sign-in.js';
import { POSTGRES_RETENTION_CASES } from './testing/cases-retention.js';
import { POSTGRES_SINGLE_SIGN_ON_CASES } from './testing/cases-single-sign-on.js';
import { POSTGRES_MODEL_SET_CASES } from './testing/cases-model-sets.js';
import { POSTGRES_OFFER_HOLDER_INDEX_CASES } from './testing/cases-offer-holder-index.js';
import { POSTGRES_ROUTING_ORDER_AND_LOADS_CASES } from './testing/cases-routing-order-and-loads.js';

import { POSTGRES_WAITING_BY_LANGUAGE_CASES } from './testing/cases-waiting-by-language.js';
const CASES = [...POSTGRES_CASES, ...POSTGRES_CASES_0005, ...POSTGRES_CUSTOMER_CASES, ...POSTGRES_TEMPLATE_CASES, ...POSTGRES_CASES_ATTACHMENTS, ...POSTGRES_EMAIL_CASES, ...POSTGRES_MAILBOX_CASES, ...POSTGRES_EMAIL_REPLY_CASES, ...POSTGRES_MEDIA_FETCH_CASES, ...POSTGRES_SEND_PART_CASES, ...POSTGRES_AUDIT_CASES, ...POSTGRES_PRIVACY_REQUEST_CASES, ...POSTGRES_MASKING_POLICY_CASES, ...POSTGRES_SIGN_IN_CASES, ...POSTGRES_RETENTION_CASES, ...POSTGRES_SINGLE_SIGN_ON_CASES, ...POSTGRES_MODEL_SET_CASES, ...POSTGRES_OFFER_HOLDER_INDEX_CASES, ...POSTGRES_ROUTING_ORDER_AND_LOADS_CASES, ...POSTGRES_WAITING_BY_LANGUAGE_CASES];

const available = await postgresAvailable();

describe('relay PostgreSQL migrations', () => {
  it('has a case for every migration, in order', () => {
    checkCoverage(POSTGRES_MIGRATIONS, CASES);
  });

  it.skipIf(!available).each(CASES.map((c) => [`${c.migration.version} ${c.migration.name}`, c] as const))(
    '%s: from the version before, with rows',
    async (_, migrationCase) => {
      await checkMigration(postgresEngine, POSTGRES_MIGRATIONS, migrationCase);
    },
  );
});
