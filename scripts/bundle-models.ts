// Bundles a chosen set of catalog models into the installer (resources/models), from a folder of
// model folders or from the hub or a company mirror; `npm run dist` runs it first (docs/models.md).
//
//   npm run bundle-models -- --models opus-mt-th-en,opus-mt-en-zh --from /mnt/models
//   npm run bundle-models -- --models opus-mt-th-en --from https://artifacts.example.com/api/huggingface/hf
//   BUNDLE_MODELS=opus-mt-th-en,paraphrase-multilingual-MiniLM-L12-v2 BUNDLE_MODELS_FROM=/mnt/models npm run dist
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleModels } from '../src-main/ai/models/bundle-models.js';
import { loadCatalog } from '../src-main/ai/models/catalog.js';
import { PUBLIC_HUB } from '../src-main/ai/models/hub-download.js';

const USAGE = `Usage: npm run bundle-models -- --models <id,id,…> [--from <folder | hub or mirror URL>] [--out <folder>] [--catalog <file>]

  --models   catalog ids to bundle (or BUNDLE_MODELS); none: nothing is bundled
  --from     a folder holding <id>/ model folders, or the base URL of the hub or a mirror
             (or BUNDLE_MODELS_FROM; default WORKSTATION_MODEL_HUB, else ${PUBLIC_HUB})
  --out      where the installer takes models from (default resources/models)
  --catalog  the catalog (default resources/models/catalog.json)
  --token    a bearer token for the mirror (or BUNDLE_MODELS_TOKEN); never sent to a host it redirects to`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const modelIds = (args.models ?? process.env.BUNDLE_MODELS ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (modelIds.length === 0) {
    console.log('bundle-models: no models chosen (--models or BUNDLE_MODELS); the installer ships without models.');
    return 0;
  }
  const from = args.from ?? process.env.BUNDLE_MODELS_FROM ?? process.env.WORKSTATION_MODEL_HUB ?? PUBLIC_HUB;
  const token = args.token ?? process.env.BUNDLE_MODELS_TOKEN;
  const out = path.resolve(args.out ?? 'resources/models');
  try {
    const catalog = loadCatalog(path.resolve(args.catalog ?? 'resources/models/catalog.json'));
    const bundled = await bundleModels({ catalog, modelIds, from: /^https?:\/\//i.test(from) ? from : path.resolve(from), out, headers: token ? { authorization: `Bearer ${token}` } : undefined, log: (line) => console.log(`bundle-models: ${line}`) });
    for (const model of bundled) console.log(`bundle-models: ${model.id} ready in ${out} (${(model.sizeBytes / 1_000_000).toFixed(1)} MB)`);
    return 0;
  } catch (error) {
    console.error(`bundle-models: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function parse() {
  return parseArgs({
    options: { models: { type: 'string' }, from: { type: 'string' }, out: { type: 'string' }, catalog: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  }).values;
}

process.exitCode = await main();
