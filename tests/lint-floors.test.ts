import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The floors inside the core and the relay (docs/architecture.md, "Layers"); these prove they bite. */
const eslint = new ESLint({ cwd: process.cwd() });
const ZONES = 'import-x/no-restricted-paths';

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

const importing = (from: string, name: string) => `import { ${name} } from '${from}';\nexport const probe = ${name};\n`;

describe('core floors: store < sync, ai, kb < core < hosts', () => {
  it('refuses a higher floor in the cache store', async () => {
    expect(await ruleIdsFor('src-main/store/probe.ts', importing('../sync/sync-client.js', 'SyncClient'))).toContain(ZONES);
    expect(await ruleIdsFor('src-main/store/probe.ts', importing('../core/workstation.js', 'Workstation'))).toContain(ZONES);
  });

  it('refuses the core services and the hosts in sync, ai and kb', async () => {
    expect(await ruleIdsFor('src-main/sync/probe.ts', importing('../core/services/guards.js', 'Guards'))).toContain(ZONES);
    expect(await ruleIdsFor('src-main/ai/probe.ts', importing('../host/language-setup.js', 'createLanguageSetup'))).toContain(ZONES);
  });

  it('refuses a host in the core', async () => {
    expect(await ruleIdsFor('src-main/core/probe.ts', importing('../web-host/server.js', 'startWebHost'))).toContain(ZONES);
  });

  it("keeps the desktop shell's rules apart: desktop/ imports no floor, and the core does not import desktop/", async () => {
    expect(await ruleIdsFor('src-main/desktop/probe.ts', importing('../store/cache.js', 'Cache'))).toContain(ZONES);
    expect(await ruleIdsFor('src-main/desktop/probe.ts', importing('../electron/window.js', 'bringForward'))).toContain(ZONES);
    expect(await ruleIdsFor('src-main/core/probe.ts', importing('../desktop/deep-link.js', 'parseDeepLink'))).toContain(ZONES);
    expect(await ruleIdsFor('src-main/electron/probe.ts', importing('../desktop/deep-link.js', 'parseDeepLink'))).toEqual([]);
  });

  it('lets a floor import the floors below it, and a test set up through a higher one', async () => {
    expect(await ruleIdsFor('src-main/core/probe.ts', importing('../store/cache.js', 'Cache'))).toEqual([]);
    expect(await ruleIdsFor('src-main/host/probe.ts', importing('../core/workstation.js', 'Workstation'))).toEqual([]);
    expect(await ruleIdsFor('src-main/store/probe.test.ts', importing('../core/workstation.js', 'Workstation'))).toEqual([]);
  });
});

describe('relay floors: storage < log, bus < domain rules < transports', () => {
  it('refuses the log and the rules in storage', async () => {
    expect(await ruleIdsFor('src-relay/storage/probe.ts', importing('../log/change-set.js', 'createCommit'))).toContain(ZONES);
    expect(await ruleIdsFor('src-relay/storage/probe.ts', importing('../relay-core.js', 'createRelayCore'))).toContain(ZONES);
  });

  it('refuses a domain rule in the log', async () => {
    expect(await ruleIdsFor('src-relay/log/probe.ts', importing('../routing/assignment.js', 'assign'))).toContain(ZONES);
  });

  it('refuses a transport in a domain rule', async () => {
    expect(await ruleIdsFor('src-relay/conversations/probe.ts', importing('../sync/push.js', 'applyPush'))).toContain(ZONES);
    expect(await ruleIdsFor('src-relay/routing/probe.ts', importing('../http/http-error.js', 'sendHttpError'))).toContain(ZONES);
    expect(await ruleIdsFor('src-relay/conversations/probe.ts', importing('../channels/registry.js', 'CHANNEL_ADAPTERS'))).toContain(ZONES);
  });

  it('lets a transport call the rules, and keeps the wall to the workstation for tests too', async () => {
    expect(await ruleIdsFor('src-relay/sync/probe.ts', importing('../conversations/conversation-rules.js', 'conversationRules'))).toEqual([]);
    expect(await ruleIdsFor('src-relay/channels/probe.ts', importing('../conversations/channel-messages.js', 'receiveChannelWebhook'))).toEqual([]);
    expect(await ruleIdsFor('src-relay/storage/probe.test.ts', importing('../../src-main/store/cache.js', 'Cache'))).toContain(ZONES);
  });
});
