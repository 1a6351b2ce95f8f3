import type { Migration } from '../../../src-node/sqlite/migration.js';

/** Each agent's SIP account on this desk; the password is sealed by the host (the OS keychain in Electron). */
export const addPhoneSettings: Migration = {
  version: 16,
  name: 'add-phone-settings',
  up(db) {
    db.exec('CREATE TABLE phone_settings (agent_id TEXT PRIMARY KEY, sip_json TEXT NOT NULL, sealed_password TEXT NOT NULL)');
  },
};
