import type Database from 'better-sqlite3';
import type { SingleSignOnRepository, SsoConfigRecord, SsoPendingRecord } from '../port/single-sign-on.js';
import type { Synchronous } from './synchronous.js';

const CONFIG_COLUMNS = 'tenant_id AS tenantId, issuer, client_id AS clientId, client_secret_sealed AS clientSecretSealed, display_name AS displayName, updated_at AS updatedAt';

/** Each company's OpenID Connect provider, and sign-ins in flight. */
export function createSingleSignOnStore(db: Database.Database): Synchronous<SingleSignOnRepository> {
  const sql = {
    configOf: db.prepare(`SELECT ${CONFIG_COLUMNS} FROM tenant_sso WHERE tenant_id = ?`),
    list: db.prepare(`SELECT ${CONFIG_COLUMNS} FROM tenant_sso ORDER BY tenant_id`),
    save: db.prepare(
      `INSERT INTO tenant_sso (tenant_id, issuer, client_id, client_secret_sealed, display_name, updated_at)
       VALUES (@tenantId, @issuer, @clientId, @clientSecretSealed, @displayName, @updatedAt)
       ON CONFLICT (tenant_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
         client_secret_sealed = excluded.client_secret_sealed, display_name = excluded.display_name, updated_at = excluded.updated_at`,
    ),
    remove: db.prepare('DELETE FROM tenant_sso WHERE tenant_id = ?'),
    put: db.prepare('INSERT INTO sso_pending (key_hash, kind, tenant_id, sealed, expires_at) VALUES (?, ?, ?, ?, ?)'),
    take: db.prepare('DELETE FROM sso_pending WHERE key_hash = ? AND kind = ? RETURNING tenant_id AS tenantId, sealed, expires_at AS expiresAt'),
    prune: db.prepare('DELETE FROM sso_pending WHERE expires_at <= ?'),
  };
  return {
    configOf: (tenantId) => (sql.configOf.get(tenantId) as SsoConfigRecord | undefined) ?? null,
    listConfigs: () => sql.list.all() as SsoConfigRecord[],
    saveConfig(config) {
      sql.save.run(config);
    },
    removeConfig(tenantId) {
      sql.remove.run(tenantId);
    },
    putPending(keyHash, kind, record, expiresAt) {
      sql.put.run(keyHash, kind, record.tenantId, record.sealed, expiresAt);
    },
    takePending(keyHash, kind, now) {
      const row = sql.take.get(keyHash, kind) as (SsoPendingRecord & { expiresAt: number }) | undefined;
      return row && row.expiresAt > now ? { tenantId: row.tenantId, sealed: row.sealed } : null;
    },
    prunePending(now) {
      sql.prune.run(now);
    },
  };
}
