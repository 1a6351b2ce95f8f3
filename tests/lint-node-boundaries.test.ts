import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** src-node is shared by the core and the relay; these prove its zones bite, and that they add to the others. */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

const ZONES = 'import-x/no-restricted-paths';

describe('src-node boundaries', () => {
  it('refuses core, relay and renderer code in src-node', async () => {
    expect(await ruleIdsFor('src-node/probe.ts', "import { Cache } from '../src-main/store/cache.js';\nexport const c = Cache;\n")).toContain(ZONES);
    expect(await ruleIdsFor('src-node/probe.ts', "import { MIGRATIONS } from '../src-relay/storage/sqlite/migrations/index.js';\nexport const m = MIGRATIONS;\n")).toContain(ZONES);
  });

  it('refuses src-node in src-shared and the renderer', async () => {
    const code = (up: string) => `import { readJsonFile } from '${up}src-node/json-file.js';\nexport const read = readJsonFile;\n`;
    expect(await ruleIdsFor('src-shared/domain/probe.ts', code('../../'))).toContain(ZONES);
    expect(await ruleIdsFor('src-renderer/probe.ts', code('../'))).toContain(ZONES);
  });

  it('refuses electron in src-node', async () => {
    expect(await ruleIdsFor('src-node/probe.ts', "import { app } from 'electron';\nexport const electronApp = app;\n")).toContain('no-restricted-imports');
  });

  it('lets the core and the relay use src-node and src-node use src-shared', async () => {
    const code = (up: string) => `import { readJsonFile } from '${up}src-node/json-file.js';\nexport const read = readJsonFile;\n`;
    expect(await ruleIdsFor('src-main/kb/probe.ts', code('../../'))).toEqual([]);
    expect(await ruleIdsFor('src-relay/storage/probe.ts', code('../../'))).toEqual([]);
    expect(await ruleIdsFor('src-node/probe.ts', "import { previewOf } from '../src-shared/domain/model.js';\nexport const preview = previewOf;\n")).toEqual([]);
  });

  it('keeps the older zones: the renderer still may not import the core', async () => {
    const ids = await ruleIdsFor('src-renderer/probe.ts', "import { Cache } from '../src-main/store/cache.js';\nexport const c = Cache;\n");
    expect(ids).toContain('import-x/no-restricted-paths');
  });
});
