import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectPlain } from './cache-cipher.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SipAccount } from '../../src-shared/protocol/phone-settings.js';
import { Cache } from './cache.js';
import { REVERSING_BOX } from './testing/reversing-box.js';

const ACCOUNT: SipAccount = { server: 'wss://PBX.example.com:8443/ws', uri: 'sip:1001@pbx.example.com', password: 'ext-1001-secret', displayName: 'Olivia' };

describe('phone settings on the desk', () => {
  let dir: string;
  let cache: Cache;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'phone-settings-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps each agent's SIP account, with the password sealed at rest", () => {
    cache.phoneSettings.saveSipAccount('agent-olivia', ACCOUNT, REVERSING_BOX);
    expect(cache.phoneSettings.sipAccount('agent-olivia', REVERSING_BOX)).toEqual(ACCOUNT);
    expect(cache.phoneSettings.sipAccount('agent-hans', REVERSING_BOX)).toBeNull();
    const raw = connectPlain(path.join(dir, 'cache.sqlite'));
    expect(JSON.stringify(raw.prepare('SELECT * FROM phone_settings').all())).not.toContain('ext-1001-secret');
    raw.close();
    cache.phoneSettings.saveSipAccount('agent-olivia', null, REVERSING_BOX);
    expect(cache.phoneSettings.sipAccount('agent-olivia', REVERSING_BOX)).toBeNull();
  });

  it('refuses an account that is not a SIP address on a WebSocket', () => {
    expect(SipAccount.safeParse({ ...ACCOUNT, server: 'https://pbx.example.com' }).success).toBe(false);
    expect(SipAccount.safeParse({ ...ACCOUNT, uri: 'olivia' }).success).toBe(false);
  });
});
