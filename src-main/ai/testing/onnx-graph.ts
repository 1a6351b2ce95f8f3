import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element types used here (onnx.TensorProto.DataType). */
export const FLOAT = 1;
export const INT64 = 7;
export const BOOL = 9;

/** A dimension: a fixed size, or a symbol the runtime fills in ("batch_size"). */
export type Dim = number | string;

type Attribute = number | number[] | { tensor: onnxProto.onnx.ITensorProto } | { float: number };

/**
 * A small builder over onnx-proto for hand-made test graphs: inputs, outputs, initializers and
 * nodes with generated names, encoded as an opset-17 model.
 */
export class OnnxGraph {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(private readonly random: () => number) {}

  input(name: string, elemType: number, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, shape));
    return name;
  }

  output(name: string, value: string, elemType: number, shape: Dim[]): void {
    this.node('Identity', [value], {}, name);
    this.outputs.push(valueInfo(name, elemType, shape));
  }

  /** Uniform weights in [-scale, scale]. */
  weights(dims: number[], scale: number): string {
    const size = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = (this.random() * 2 - 1) * scale;
    return this.floats(data, dims);
  }

  floats(data: Float32Array, dims: number[]): string {
    const name = this.name('w');
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer.slice(0)) });
    return name;
  }

  constant(value: number, dims: number[] = []): string {
    return this.floats(new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value), dims);
  }

  ints(values: number[]): string {
    const name = this.name('i');
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  scalarInt(value: number): string {
    const name = this.name('s');
    this.initializers.push({ name, dims: [], dataType: INT64, rawData: new Uint8Array(new BigInt64Array([BigInt(value)]).buffer) });
    return name;
  }

  node(op: string, inputs: string[], attributes: Record<string, Attribute> = {}, output = this.name(op.toLowerCase())): string {
    this.nodes.push({ opType: op, input: inputs, output: [output], name: this.name(`n_${op}`), attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)) });
    return output;
  }

  encode(producer: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: producer,
      opsetImport: [{ domain: '', version: 17 }],
      graph: { name: producer, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private name(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }
}

function valueInfo(name: string, elemType: number, shape: Dim[]): onnxProto.onnx.IValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function attribute(name: string, value: Attribute): onnxProto.onnx.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: types.INT, i: value };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: value };
  if ('float' in value) return { name, type: types.FLOAT, f: value.float };
  return { name, type: types.TENSOR, t: value.tensor };
}
