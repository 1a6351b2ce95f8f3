import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The customer's pages (src-webchat) are browser code that shares only src-shared; these prove the rules bite. */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'parse-error');
}

describe('customer page boundaries', () => {
  it('accepts the shared protocol in a page', async () => {
    const ids = await ruleIdsFor('src-webchat/chat/probe.ts', "import { WEBCHAT_PATH } from '../../src-shared/protocol/webchat.js';\nexport const where = WEBCHAT_PATH;\n");
    expect(ids).toEqual([]);
  });

  it('refuses relay code in a page', async () => {
    const ids = await ruleIdsFor('src-webchat/chat/probe.ts', "import { resourcesDir } from '../../src-relay/resources.js';\nexport const where = resourcesDir;\n");
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('refuses Node in a page', async () => {
    const ids = await ruleIdsFor('src-webchat/chat/probe.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('refuses page code anywhere else', async () => {
    const ids = await ruleIdsFor('src-relay/http/probe.ts', "import { newId } from '../../src-webchat/random-id.js';\nexport const id = newId;\n");
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('keeps the embed script free of imports', async () => {
    const ids = await ruleIdsFor('src-webchat/widget/probe.ts', "import { newId } from '../random-id.js';\nexport const id = newId;\n");
    expect(ids).toContain('no-restricted-syntax');
  });
});
