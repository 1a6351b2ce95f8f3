import { FLOAT, type OnnxGraph } from './onnx-graph.js';

/** Transformer pieces for the tiny test models: pre-norm layers, multi-head attention, feed-forward. */

export function linear(g: OnnxGraph, x: string, inDim: number, outDim: number, scale = 1 / Math.sqrt(inDim)): string {
  return g.node('Add', [g.node('MatMul', [x, g.weights([inDim, outDim], scale)]), g.weights([outDim], 0.1)]);
}

export function layerNorm(g: OnnxGraph, x: string, dim: number): string {
  return g.node('LayerNormalization', [x, g.constant(1, [dim]), g.constant(0, [dim])], { axis: -1, epsilon: { float: 1e-5 } });
}

/** [B, S, H*Dh] → [B, H, S, Dh] */
export function splitHeads(g: OnnxGraph, x: string, heads: number, headDim: number): string {
  return g.node('Transpose', [g.node('Reshape', [x, g.ints([0, 0, heads, headDim])])], { perm: [0, 2, 1, 3] });
}

/** [B, H, S, Dh] → [B, S, H*Dh] */
export function mergeHeads(g: OnnxGraph, x: string, dim: number): string {
  return g.node('Reshape', [g.node('Transpose', [x], { perm: [0, 2, 1, 3] }), g.ints([0, 0, dim])]);
}

/** softmax(q·kᵀ/√Dh + bias)·v, with bias broadcast over [B, H, Tq, Tk]. */
export function attend(g: OnnxGraph, q: string, k: string, v: string, bias: string | null, headDim: number): string {
  const keys = g.node('Transpose', [k], { perm: [0, 1, 3, 2] });
  let scores = g.node('Mul', [g.node('MatMul', [q, keys]), g.constant(1 / Math.sqrt(headDim))]);
  if (bias) scores = g.node('Add', [scores, bias]);
  return g.node('MatMul', [g.node('Softmax', [scores], { axis: -1 }), v]);
}

export function feedForward(g: OnnxGraph, x: string, dim: number, hidden: number): string {
  const inner = g.node('Relu', [linear(g, layerNorm(g, x, dim), dim, hidden)]);
  return g.node('Add', [x, linear(g, inner, hidden, dim)]);
}

/** A 0/1 int64 mask [B, S] as an additive bias [B, 1, 1, S]: masked positions get a large negative. */
export function maskBias(g: OnnxGraph, mask: string): string {
  const open = g.node('Cast', [mask], { to: FLOAT });
  const bias = g.node('Mul', [g.node('Sub', [g.constant(1), open]), g.constant(-1e4)]);
  return g.node('Unsqueeze', [bias, g.ints([1, 2])]);
}

/** Size of dimension `axis` of `x`, as an int64 scalar. */
export function dimOf(g: OnnxGraph, x: string, axis: number): string {
  return g.node('Gather', [g.node('Shape', [x]), g.scalarInt(axis)]);
}

/** Token embeddings plus learned position embeddings for positions `positions` ([S] int64). */
export function embed(g: OnnxGraph, ids: string, positions: string, vocab: number, maxPositions: number, dim: number): string {
  const tokens = g.node('Gather', [g.weights([vocab, dim], 1), ids]);
  return g.node('Add', [tokens, g.node('Gather', [g.weights([maxPositions, dim], 0.5), positions])]);
}

/** One pre-norm self-attention sublayer over x; returns x plus its output. */
export function selfAttention(g: OnnxGraph, x: string, dim: number, heads: number, bias: string | null): string {
  const headDim = dim / heads;
  const h = layerNorm(g, x, dim);
  const [q, k, v] = [0, 1, 2].map(() => splitHeads(g, linear(g, h, dim, dim), heads, headDim)) as [string, string, string];
  return g.node('Add', [x, linear(g, mergeHeads(g, attend(g, q, k, v, bias, headDim), dim), dim, dim)]);
}
