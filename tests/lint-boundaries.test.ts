import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layering of docs/architecture.md is enforced by the linter; these prove the rules bite. */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('layer boundaries', () => {
  it('refuses a Node built-in in src-shared', async () => {
    const ids = await ruleIdsFor('src-shared/domain/probe.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('refuses electron in the renderer', async () => {
    const ids = await ruleIdsFor('src-renderer/probe.ts', "import { app } from 'electron';\nexport const electronApp = app;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('refuses core code in the renderer', async () => {
    const ids = await ruleIdsFor(
      'src-renderer/probe.ts',
      "import { createApiRouter } from '../src-main/core/api-router.js';\nexport const make = createApiRouter;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('refuses electron in the core outside src-main/electron', async () => {
    const ids = await ruleIdsFor('src-main/core/probe.ts', "import { app } from 'electron';\nexport const electronApp = app;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('keeps ipcMain in ipc.ts only', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const main = ipcMain;\n";
    expect(await ruleIdsFor('src-main/electron/window.ts', code)).toContain('no-restricted-syntax');
    expect(await ruleIdsFor('src-main/electron/ipc.ts', code)).not.toContain('no-restricted-syntax');
  });

  it('accepts shared code in the renderer', async () => {
    const ids = await ruleIdsFor('src-renderer/probe.ts', "import { previewOf } from '../src-shared/domain/model.js';\nexport const preview = previewOf;\n");
    expect(ids).toEqual([]);
  });
});

describe('renderer floors: state/ < features < app/', () => {
  it('refuses a feature folder in state/', async () => {
    const ids = await ruleIdsFor('src-renderer/state/probe.ts', "import type { PhoneCall } from '../softphone/phone-adapter.js';\nexport type Call = PhoneCall;\n");
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('refuses the composition root in state/ and in a feature', async () => {
    const code = "import { createStores } from '../app/stores.js';\nexport const make = createStores;\n";
    expect(await ruleIdsFor('src-renderer/state/probe.ts', code)).toContain('import-x/no-restricted-paths');
    expect(await ruleIdsFor('src-renderer/inbox/probe.ts', code)).toContain('import-x/no-restricted-paths');
  });

  it("refuses another feature's store unless the feature depends on it", async () => {
    const code = "import { useSoftphone } from '../softphone/softphone-store.js';\nexport const use = useSoftphone;\n";
    expect(await ruleIdsFor('src-renderer/search/probe.ts', code)).toContain('import-x/no-restricted-paths');
    expect(await ruleIdsFor('src-renderer/softphone/probe.ts', code)).toEqual([]);
  });

  it('lets a feature read a store it is listed for, and the shared stores', async () => {
    const mentions = "import { useMentions } from '../conversation/mentions-store.js';\nexport const use = useMentions;\n";
    expect(await ruleIdsFor('src-renderer/softphone/probe.ts', mentions)).toEqual([]);
    const session = "import { useSession } from '../state/session-store.js';\nexport const use = useSession;\n";
    expect(await ruleIdsFor('src-renderer/softphone/probe.ts', session)).toEqual([]);
  });

  it('still refuses core code in state/', async () => {
    const ids = await ruleIdsFor('src-renderer/state/probe.ts', "import { createApiRouter } from '../../src-main/core/api-router.js';\nexport const make = createApiRouter;\n");
    expect(ids).toContain('import-x/no-restricted-paths');
  });
});
