import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AutoModelForSeq2SeqLM, AutoTokenizer, env, pipeline, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_M2M100_LANGUAGES, writeTinyBert, writeTinyM2M100, writeTinyMarian } from './tiny-models.js';

/** The generated models must satisfy the library's real loading and inference path, offline. */
describe('tiny test models', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tiny-models-'));
    writeTinyMarian(dir, 'opus-mt-es-en');
    writeTinyBert(dir, 'tiny-bert');
    writeTinyM2M100(dir, 'm2m100_418M');
    env.allowRemoteModels = false;
    env.localModelPath = dir;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('translate through the translation pipeline, the same way every time, from fp32 and q8 files', async () => {
    const outputs: string[] = [];
    for (const dtype of ['fp32', 'q8'] as const) {
      const translator = await pipeline('translation', 'opus-mt-es-en', { device: 'cpu', dtype });
      const [first] = (await translator('Hola, ¿dónde está mi pedido?', { max_new_tokens: 20 } as never)) as { translation_text: string }[];
      outputs.push(first?.translation_text ?? '');
    }
    expect(outputs[0]?.length).toBeGreaterThan(0);
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('decode with the KV cache exactly as an uncached pass over the whole sequence', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('opus-mt-es-en');
    const model = await AutoModelForSeq2SeqLM.from_pretrained('opus-mt-es-en', { device: 'cpu', dtype: 'fp32' });
    const inputs = tokenizer('Mi pedido no llegó, quiero un reembolso.');
    const generated = (await model.generate({ ...inputs, max_new_tokens: 12, num_beams: 1, do_sample: false } as never)) as Tensor;
    const tokens = Array.from(generated.data as BigInt64Array, Number);
    expect(tokens.length).toBeGreaterThan(4);

    // One forward pass, no past: the prediction at each position must be the next generated token.
    const decoderInput = new Tensor('int64', BigInt64Array.from(tokens.slice(0, -1).map(BigInt)), [1, tokens.length - 1]);
    const { logits } = (await model({ ...inputs, decoder_input_ids: decoderInput })) as { logits: Tensor };
    const [, steps, vocab] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;
    const uncached = Array.from({ length: steps }, (_, step) => argmax(data.subarray(step * vocab, (step + 1) * vocab)));
    // The last token is the end of sentence forced at the length limit (forced_eos_token_id), not a prediction.
    expect(tokens.at(-1)).toBe(0);
    expect(uncached.slice(0, -1)).toEqual(tokens.slice(1, -1));
  });

  it('translate many-to-many with the target language forced as the first token', async () => {
    const translator = await pipeline('translation', 'm2m100_418M', { device: 'cpu', dtype: 'fp32' });
    const model = await AutoModelForSeq2SeqLM.from_pretrained('m2m100_418M', { device: 'cpu', dtype: 'fp32' });
    const tokenizer = await AutoTokenizer.from_pretrained('m2m100_418M');
    const outputs: string[] = [];
    for (const tgt_lang of ['th', 'vi']) {
      const [first] = (await translator('Hola, ¿dónde está mi pedido?', { src_lang: 'es', tgt_lang, max_new_tokens: 12 } as never)) as { translation_text: string }[];
      outputs.push(first?.translation_text ?? '');
    }
    // A different forced language token steers the whole decode elsewhere.
    expect(outputs[0]).not.toBe(outputs[1]);
    // Specials come first: </s>, <unk>, <pad>, then one token per language.
    const vietnamese = 3 + TINY_M2M100_LANGUAGES.indexOf('vi');
    const generated = (await model.generate({ ...tokenizer('Hola'), forced_bos_token_id: vietnamese, max_new_tokens: 4 } as never)) as Tensor;
    expect(Number((generated.data as BigInt64Array)[1])).toBe(vietnamese);
    expect(tokenizer.decode([vietnamese])).toBe('__vi__');
  });

  it('embed sentences as unit vectors, different sentences differently', async () => {
    const extractor = await pipeline('feature-extraction', 'tiny-bert', { device: 'cpu', dtype: 'fp32' });
    const output = await extractor(['where is my order', 'ขอคืนเงินค่ะ', '我的订单在哪里'], { pooling: 'mean', normalize: true });
    expect(output.dims).toEqual([3, 32]);
    const vectors = output.tolist() as number[][];
    for (const vector of vectors) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(vectors[1]).not.toEqual(vectors[2]);
  });
});

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}
