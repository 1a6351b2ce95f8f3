// Compares the language detectors considered for inbound chat messages on the labelled set:
//   npx tsx scripts/compare-langid.ts
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

interface Sample {
  lang: string;
  text: string;
}

type Detect = (text: string) => string | Promise<string>;

const samples = JSON.parse(readFileSync(new URL('../tests/fixtures/langid/short-messages.json', import.meta.url), 'utf8')) as Sample[];

async function candidates(): Promise<Record<string, { load: () => Promise<Detect> }>> {
  return {
    'eld (large)': {
      load: async () => {
        const { eld } = await import('eld/large');
        return (text) => eld.detect(text).language;
      },
    },
    tinyld: {
      load: async () => {
        const { detect } = await import('tinyld');
        return (text) => detect(text);
      },
    },
    'fasttext.wasm.js (lid.176.ftz)': {
      load: async () => {
        const { getLIDModel } = await import('fasttext.wasm.js');
        const model = await getLIDModel();
        await model.load();
        return async (text) => (await model.identify(text.replace(/\n/g, ' '))).alpha2 ?? '';
      },
    },
  };
}

for (const [name, candidate] of Object.entries(await candidates())) {
  const loadStart = performance.now();
  const detect = await candidate.load();
  const loadMs = performance.now() - loadStart;
  for (const sample of samples) await detect(sample.text);
  const start = performance.now();
  const rounds = 5;
  let correct = 0;
  const misses: string[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const sample of samples) {
      const found = await detect(sample.text);
      if (round > 0) continue;
      if (found === sample.lang) correct += 1;
      else misses.push(`${sample.lang}→${found || '?'}`);
    }
  }
  const perSecond = (samples.length * rounds) / ((performance.now() - start) / 1000);
  console.log(
    `${name.padEnd(32)} accuracy ${((100 * correct) / samples.length).toFixed(1)}%  ` +
      `${Math.round(perSecond).toLocaleString('en')} msg/s  load ${loadMs.toFixed(0)} ms  misses: ${misses.join(' ')}`,
  );
}
