import type Database from 'better-sqlite3';
import { SipAccount } from '../../src-shared/protocol/phone-settings.js';

/** Seals a secret at rest and opens it again; Electron uses the OS keychain (safeStorage). */
export interface SecretBox {
  seal(secret: string): string;
  open(sealed: string): string;
}

/** Without a keychain (the web host, tests) secrets are kept as they are, like the rest of the cache. */
export const PLAIN_BOX: SecretBox = { seal: (secret) => secret, open: (sealed) => sealed };

/** Each agent's SIP account on this desk. */
export class PhoneSettingsStore {
  private readonly select: Database.Statement<[string], { sip_json: string; sealed_password: string }>;
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT sip_json, sealed_password FROM phone_settings WHERE agent_id = ?');
    this.upsert = db.prepare(
      'INSERT INTO phone_settings (agent_id, sip_json, sealed_password) VALUES (?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET sip_json = excluded.sip_json, sealed_password = excluded.sealed_password',
    );
    this.remove = db.prepare('DELETE FROM phone_settings WHERE agent_id = ?');
  }

  sipAccount(agentId: string, box: SecretBox): SipAccount | null {
    const row = this.select.get(agentId);
    if (!row) return null;
    return SipAccount.parse({ ...(JSON.parse(row.sip_json) as object), password: box.open(row.sealed_password) });
  }

  saveSipAccount(agentId: string, account: SipAccount | null, box: SecretBox): void {
    if (!account) {
      this.remove.run(agentId);
      return;
    }
    const { password, ...rest } = account;
    this.upsert.run(agentId, JSON.stringify(rest), box.seal(password));
  }
}
