import type { SingleSignOnRepository, SsoConfigRecord } from '../port/single-sign-on.js';
import { rowsOf, type Query } from './query.js';

const CONFIG_COLUMNS = 'tenant_id AS "tenantId", issuer, client_id AS "clientId", client_secret_sealed AS "clientSecretSealed", display_name AS "displayName", updated_at AS "updatedAt"';

type ConfigRow = Omit<SsoConfigRecord, 'updatedAt'> & { updatedAt: string };

const configOfRow = (row: ConfigRow): SsoConfigRecord => ({ ...row, updatedAt: Number(row.updatedAt) });

/** Each company's OpenID Connect provider, and sign-ins in flight, shared by every node. */
export function singleSignOnRepository(query: Query): SingleSignOnRepository {
  return {
    async configOf(tenantId) {
      const [row] = await rowsOf<ConfigRow>(query, `SELECT ${CONFIG_COLUMNS} FROM tenant_sso WHERE tenant_id = $1`, [tenantId]);
      return row ? configOfRow(row) : null;
    },
    async listConfigs() {
      return (await rowsOf<ConfigRow>(query, `SELECT ${CONFIG_COLUMNS} FROM tenant_sso ORDER BY tenant_id`, [])).map(configOfRow);
    },
    async saveConfig(config) {
      await query(
        `INSERT INTO tenant_sso (tenant_id, issuer, client_id, client_secret_sealed, display_name, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
           client_secret_sealed = excluded.client_secret_sealed, display_name = excluded.display_name, updated_at = excluded.updated_at`,
        [config.tenantId, config.issuer, config.clientId, config.clientSecretSealed, config.displayName, config.updatedAt],
      );
    },
    async removeConfig(tenantId) {
      await query('DELETE FROM tenant_sso WHERE tenant_id = $1', [tenantId]);
    },
    async putPending(keyHash, kind, record, expiresAt) {
      await query('INSERT INTO sso_pending (key_hash, kind, tenant_id, sealed, expires_at) VALUES ($1, $2, $3, $4, $5)', [keyHash, kind, record.tenantId, record.sealed, expiresAt]);
    },
    async takePending(keyHash, kind, now) {
      // One DELETE: of two nodes taking the same key, one gets the row.
      const [row] = await rowsOf<{ tenantId: string; sealed: string; expiresAt: string }>(
        query,
        'DELETE FROM sso_pending WHERE key_hash = $1 AND kind = $2 RETURNING tenant_id AS "tenantId", sealed, expires_at AS "expiresAt"',
        [keyHash, kind],
      );
      return row && Number(row.expiresAt) > now ? { tenantId: row.tenantId, sealed: row.sealed } : null;
    },
    async prunePending(now) {
      await query('DELETE FROM sso_pending WHERE expires_at <= $1', [now]);
    },
  };
}
