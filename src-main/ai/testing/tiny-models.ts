import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../../src-shared/domain/seeded-random.js';
import { BOOL, FLOAT, INT64, OnnxGraph } from './onnx-graph.js';
import { attend, dimOf, embed, feedForward, layerNorm, linear, maskBias, mergeHeads, selfAttention, splitHeads } from './transformer-blocks.js';

/**
 * Tiny random-weight models in the exact layout @huggingface/transformers loads offline
 * (../shared/MODELS.md): a MarianMT (Opus-MT) translator and a BERT-style sentence encoder.
 * The words they produce are nonsense; the files, graph inputs/outputs, tokenizers and the
 * KV-cache contract are the real ones, so tests run the library's real loading and inference.
 */

const MARIAN = { dim: 16, heads: 2, layers: 2, ffn: 32, maxPositions: 512, maxLength: 24 };
const BERT = { dim: 32, heads: 4, layers: 2, ffn: 64, maxPositions: 128 };

const LETTERS = 'abcdefghijklmnopqrstuvwxyzáéíóúñüçãõâêôàèìòùäöß'.split('');
const PUNCTUATION = '0123456789.,;:!?¿¡\'"-()#@/'.split('');
const MARIAN_PIECES = ['▁', '▁hola', '▁the', '▁de', '▁la', '▁que', '▁el', '▁en', '▁y', '▁a', '▁mi', '▁is', '▁to', '▁pedido', '▁order', '▁my', '▁no', '▁gracias', '▁thank', '▁you'];
const BERT_WORDS = ['the', 'order', 'my', 'is', 'where', 'refund', 'hola', 'pedido', 'mi', 'de', 'la', 'el', 'que', 'no', 'thank', 'you', 'gracias'];
const OTHER_SCRIPTS = 'กขคงจฉชซดตถทนบปผพฟมยรลวสหอะาิีึืุูเแโใไ่้๊๋ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآةى我的订单在哪里退款谢谢您好日本語注文はどこですか'.split('');

export interface TinyModelOptions {
  seed?: number;
}

/** Writes an Opus-MT-shaped model to `<root>/<modelId>/`; returns that folder. */
export function writeTinyMarian(root: string, modelId: string, options: TinyModelOptions = {}): string {
  return writeTinySeq2Seq(root, modelId, options, { modelType: 'marian', architecture: 'MarianMTModel', tokenizerClass: 'MarianTokenizer', languages: [] });
}

/** Languages of the tiny many-to-many model; each has its `__xx__` token, as m2m100's do. */
export const TINY_M2M100_LANGUAGES = ['en', 'es', 'th', 'vi', 'id', 'pt'];

/**
 * Writes an m2m100-shaped many-to-many model: the same tiny graphs, with language tokens that
 * the library's M2M100 tokenizer puts before the source and forces as the first target token.
 */
export function writeTinyM2M100(root: string, modelId: string, options: TinyModelOptions = {}): string {
  return writeTinySeq2Seq(root, modelId, options, {
    modelType: 'm2m_100',
    architecture: 'M2M100ForConditionalGeneration',
    tokenizerClass: 'M2M100Tokenizer',
    languages: TINY_M2M100_LANGUAGES,
  });
}

interface Seq2SeqKind {
  modelType: string;
  architecture: string;
  tokenizerClass: string;
  /** Language codes with a `__xx__` token (many-to-many models); empty for a pair model. */
  languages: string[];
}

function writeTinySeq2Seq(root: string, modelId: string, options: TinyModelOptions, kind: Seq2SeqKind): string {
  const folder = path.join(root, modelId);
  const languageTokens = kind.languages.map((language) => `__${language}__`);
  const specials = ['</s>', '<unk>', '<pad>', ...languageTokens];
  const vocab = [...specials, ...MARIAN_PIECES, ...LETTERS, ...PUNCTUATION];
  const [eos, unk, pad] = [0, 1, 2];
  const seed = options.seed ?? 1;
  writeJson(folder, 'config.json', {
    model_type: kind.modelType,
    architectures: [kind.architecture],
    is_encoder_decoder: true,
    d_model: MARIAN.dim,
    encoder_layers: MARIAN.layers,
    decoder_layers: MARIAN.layers,
    encoder_attention_heads: MARIAN.heads,
    decoder_attention_heads: MARIAN.heads,
    vocab_size: vocab.length,
    max_position_embeddings: MARIAN.maxPositions,
    pad_token_id: pad,
    eos_token_id: eos,
    decoder_start_token_id: pad,
    use_cache: true,
  });
  writeJson(folder, 'generation_config.json', {
    decoder_start_token_id: pad,
    eos_token_id: eos,
    forced_eos_token_id: eos,
    pad_token_id: pad,
    bad_words_ids: [[pad]],
    max_length: MARIAN.maxLength,
    num_beams: 1,
  });
  writeJson(folder, 'tokenizer.json', sentencePieceTokenizer(vocab, unk, specials, languageTokens[0] ?? null));
  writeJson(folder, 'tokenizer_config.json', {
    tokenizer_class: kind.tokenizerClass,
    eos_token: '</s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    model_max_length: 512,
  });
  writeOnnx(folder, 'encoder_model', marianEncoder(vocab.length, seed));
  writeOnnx(folder, 'decoder_model_merged', marianDecoder(vocab.length, seed + 1000));
  return folder;
}

/** Writes a BERT-style sentence encoder to `<root>/<modelId>/`; returns that folder. */
export function writeTinyBert(root: string, modelId: string, options: TinyModelOptions = {}): string {
  const folder = path.join(root, modelId);
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...BERT_WORDS, ...LETTERS, ...LETTERS.map((l) => `##${l}`), ...PUNCTUATION, ...OTHER_SCRIPTS];
  writeJson(folder, 'config.json', {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: BERT.dim,
    num_attention_heads: BERT.heads,
    num_hidden_layers: BERT.layers,
    intermediate_size: BERT.ffn,
    max_position_embeddings: BERT.maxPositions,
    type_vocab_size: 2,
    vocab_size: vocab.length,
    pad_token_id: 0,
  });
  writeJson(folder, 'tokenizer.json', bertTokenizer(vocab));
  writeJson(folder, 'tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    model_max_length: BERT.maxPositions,
  });
  writeOnnx(folder, 'model', bertEncoder(vocab.length, options.seed ?? 7));
  return folder;
}

function marianEncoder(vocab: number, seed: number): Uint8Array {
  const g = new OnnxGraph(seededRandom(seed));
  const { dim, heads, layers, ffn, maxPositions } = MARIAN;
  const ids = g.input('input_ids', INT64, ['batch_size', 'encoder_sequence_length']);
  const mask = g.input('attention_mask', INT64, ['batch_size', 'encoder_sequence_length']);
  const positions = g.node('Range', [g.scalarInt(0), dimOf(g, ids, 1), g.scalarInt(1)]);
  let x = embed(g, ids, positions, vocab, maxPositions, dim);
  const bias = maskBias(g, mask);
  for (let layer = 0; layer < layers; layer++) x = feedForward(g, selfAttention(g, x, dim, heads, bias), dim, ffn);
  g.output('last_hidden_state', layerNorm(g, x, dim), FLOAT, ['batch_size', 'encoder_sequence_length', dim]);
  return g.encode('tiny-marian-encoder');
}

/**
 * The merged decoder: one graph for the first step (empty past) and the cached steps. Positions
 * and the causal mask start at the past length, so a cached step-by-step decode computes exactly
 * what one uncached pass over the whole sequence does. Encoder keys and values are recomputed
 * from encoder_hidden_states each step (equal to the past ones), which needs no If node.
 */
function marianDecoder(vocab: number, seed: number): Uint8Array {
  const g = new OnnxGraph(seededRandom(seed));
  const { dim, heads, layers, ffn, maxPositions } = MARIAN;
  const headDim = dim / heads;
  const ids = g.input('input_ids', INT64, ['batch_size', 'decoder_sequence_length']);
  const encoded = g.input('encoder_hidden_states', FLOAT, ['batch_size', 'encoder_sequence_length', dim]);
  const encoderMask = g.input('encoder_attention_mask', INT64, ['batch_size', 'encoder_sequence_length']);
  g.input('use_cache_branch', BOOL, [1]);
  const past = Array.from({ length: layers }, (_, i) => ({
    key: g.input(`past_key_values.${i}.decoder.key`, FLOAT, ['batch_size', heads, 'past_decoder_sequence_length', headDim]),
    value: g.input(`past_key_values.${i}.decoder.value`, FLOAT, ['batch_size', heads, 'past_decoder_sequence_length', headDim]),
    encoderKey: g.input(`past_key_values.${i}.encoder.key`, FLOAT, ['batch_size', heads, 'encoder_sequence_length_out', headDim]),
    encoderValue: g.input(`past_key_values.${i}.encoder.value`, FLOAT, ['batch_size', heads, 'encoder_sequence_length_out', headDim]),
  }));
  const pastLength = dimOf(g, past[0]!.key, 2);
  const total = g.node('Add', [pastLength, dimOf(g, ids, 1)]);
  const queryPositions = g.node('Range', [pastLength, total, g.scalarInt(1)]);
  const keyPositions = g.node('Range', [g.scalarInt(0), total, g.scalarInt(1)]);
  const future = g.node('Greater', [g.node('Unsqueeze', [keyPositions, g.ints([0])]), g.node('Unsqueeze', [queryPositions, g.ints([1])])]);
  const causal = g.node('Where', [future, g.constant(-1e4), g.constant(0)]);
  const encoderBias = maskBias(g, encoderMask);
  let x = embed(g, ids, queryPositions, vocab, maxPositions, dim);
  for (let layer = 0; layer < layers; layer++) {
    const h = layerNorm(g, x, dim);
    const q = splitHeads(g, linear(g, h, dim, dim), heads, headDim);
    const key = g.node('Concat', [past[layer]!.key, splitHeads(g, linear(g, h, dim, dim), heads, headDim)], { axis: 2 });
    const value = g.node('Concat', [past[layer]!.value, splitHeads(g, linear(g, h, dim, dim), heads, headDim)], { axis: 2 });
    g.output(`present.${layer}.decoder.key`, key, FLOAT, ['batch_size', heads, 'past_decoder_sequence_length + 1', headDim]);
    g.output(`present.${layer}.decoder.value`, value, FLOAT, ['batch_size', heads, 'past_decoder_sequence_length + 1', headDim]);
    x = g.node('Add', [x, linear(g, mergeHeads(g, attend(g, q, key, value, causal, headDim), dim), dim, dim)]);

    const c = layerNorm(g, x, dim);
    const crossQuery = splitHeads(g, linear(g, c, dim, dim), heads, headDim);
    const crossKey = splitHeads(g, linear(g, encoded, dim, dim), heads, headDim);
    const crossValue = splitHeads(g, linear(g, encoded, dim, dim), heads, headDim);
    g.output(`present.${layer}.encoder.key`, crossKey, FLOAT, ['batch_size', heads, 'encoder_sequence_length_out', headDim]);
    g.output(`present.${layer}.encoder.value`, crossValue, FLOAT, ['batch_size', heads, 'encoder_sequence_length_out', headDim]);
    x = g.node('Add', [x, linear(g, mergeHeads(g, attend(g, crossQuery, crossKey, crossValue, encoderBias, headDim), dim), dim, dim)]);
    x = feedForward(g, x, dim, ffn);
  }
  // Untied from the embeddings and widely spread, so greedy decoding varies and has clear winners.
  g.output('logits', linear(g, layerNorm(g, x, dim), dim, vocab, 3), FLOAT, ['batch_size', 'decoder_sequence_length', vocab]);
  return g.encode('tiny-marian-decoder-merged');
}

function bertEncoder(vocab: number, seed: number): Uint8Array {
  const g = new OnnxGraph(seededRandom(seed));
  const { dim, heads, layers, ffn, maxPositions } = BERT;
  const ids = g.input('input_ids', INT64, ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', INT64, ['batch_size', 'sequence_length']);
  const types = g.input('token_type_ids', INT64, ['batch_size', 'sequence_length']);
  const positions = g.node('Range', [g.scalarInt(0), dimOf(g, ids, 1), g.scalarInt(1)]);
  let x = g.node('Add', [embed(g, ids, positions, vocab, maxPositions, dim), g.node('Gather', [g.weights([2, dim], 0.5), types])]);
  const bias = maskBias(g, mask);
  for (let layer = 0; layer < layers; layer++) x = feedForward(g, selfAttention(g, x, dim, heads, bias), dim, ffn);
  g.output('last_hidden_state', layerNorm(g, x, dim), FLOAT, ['batch_size', 'sequence_length', dim]);
  return g.encode('tiny-bert');
}

/** Marian's `A </s>`, or m2m100's `__src__ A </s>` when the model has language tokens. */
function sentencePieceTokenizer(vocab: string[], unk: number, specials: string[], sourceLanguageToken: string | null): object {
  const metaspace = { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true };
  const prefix = sourceLanguageToken ? [{ SpecialToken: { id: sourceLanguageToken, type_id: 0 } }] : [];
  const specialTokens = Object.fromEntries(specials.map((token, id) => [token, { id: token, ids: [id], tokens: [token] }]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content, id) => specialToken(id, content)),
    normalizer: null,
    pre_tokenizer: metaspace,
    post_processor: {
      type: 'TemplateProcessing',
      single: [...prefix, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [...prefix, { Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      special_tokens: specialTokens,
    },
    decoder: metaspace,
    model: {
      type: 'Unigram',
      unk_id: unk,
      byte_fallback: false,
      vocab: vocab.map((piece, id) => [piece, id < specials.length ? 0 : -Math.max(1, 10 - piece.length * 2)]),
    },
  };
}

function bertTokenizer(vocab: string[]): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((content, id) => specialToken(id, content)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, id) => [token, id])),
    },
  };
}

function specialToken(id: number, content: string): object {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

function writeJson(folder: string, file: string, value: object): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, file), `${JSON.stringify(value, null, 2)}\n`);
}

/** fp32 and the `_quantized` name the hub's q8 downloads use: one graph under both, so either dtype loads. */
function writeOnnx(folder: string, base: string, model: Uint8Array): void {
  mkdirSync(path.join(folder, 'onnx'), { recursive: true });
  writeFileSync(path.join(folder, 'onnx', `${base}.onnx`), model);
  writeFileSync(path.join(folder, 'onnx', `${base}_quantized.onnx`), model);
}
