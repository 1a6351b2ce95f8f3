import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SipAccount } from '../../src-shared/protocol/phone-settings.js';
import { phoneConnectSources } from '../core/services/phone-service.js';
import { Cache } from '../store/cache.js';
import { REVERSING_BOX } from '../store/testing/reversing-box.js';
import { rendererCsp } from './renderer-files.js';

const ACCOUNT: SipAccount = { server: 'wss://PBX.example.com:8443/ws', uri: 'sip:1001@pbx.example.com', password: 'ext-1001-secret', displayName: 'Olivia' };

describe("the renderer's CSP for the softphone", () => {
  let dir: string;
  let cache: Cache;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'phone-csp-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets the renderer reach Twilio and the signed-in agent's PBX, and nothing else", () => {
    cache.phoneSettings.saveSipAccount('agent-olivia', ACCOUNT, REVERSING_BOX);
    const sources = phoneConnectSources(cache, 'agent-olivia', REVERSING_BOX);
    expect(sources).toContain('wss://pbx.example.com:8443');
    expect(phoneConnectSources(cache, 'agent-hans', REVERSING_BOX)).not.toContain('wss://pbx.example.com:8443');
    expect(rendererCsp(sources)).toMatch(/connect-src 'self' wss:\/\/\*\.twilio\.com https:\/\/eventgw\.twilio\.com wss:\/\/pbx\.example\.com:8443;/);
  });
});
