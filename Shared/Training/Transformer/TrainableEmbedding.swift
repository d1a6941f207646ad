import Tensor

/// A lookup table of a model being trained (token or learned position embedding), frozen in
/// any dtype or trainable in F32.
public final class TrainableEmbedding {
    /// The table [rows, width] the forward reads.
    public let table: WeightMatrix
    /// The F32 table and its gradient when trained.
    public let trainable: TrainableParameter?

    /// A frozen table.
    public init(frozen table: WeightMatrix) {
        self.table = table
        trainable = nil
    }

    /// A trainable F32 table [rows, width].
    public init(trainable parameter: TrainableParameter) throws {
        guard parameter.value.shape.count == 2 else {
            throw TrainingError.invalidArgument("parameter \(parameter.name) has shape \(parameter.value.shape), not [rows, width]")
        }
        table = try WeightMatrix(rows: parameter.value.shape[0], cols: parameter.value.shape[1], dtype: .f32,
                                 bytes: UnsafeRawPointer(parameter.value.data), owner: parameter.value)
        trainable = parameter
    }

    /// out[i] (+)= table[ids[i]]; ids outside the table are an input error.
    public func forward(_ ids: UnsafePointer<Int32>, count n: Int, into out: UnsafeMutablePointer<Float>, accumulate: Bool,
                        scratch: UnsafeMutablePointer<Float>) throws {
        let width = table.cols
        for i in 0..<n {
            let id = Int(ids[i])
            guard id >= 0, id < table.rows else {
                throw TrainingError.invalidArgument("id \(id) at position \(i) is outside the embedding table of \(table.rows) rows")
            }
            if accumulate {
                table.dequantizeRow(id, into: scratch)
                Kernels.addInPlace(out + i * width, scratch, count: width)
            } else {
                table.dequantizeRow(id, into: out + i * width)
            }
        }
    }

    /// dTable[ids[i]] += dOut[i] when the table is trained.
    public func backward(_ dOut: UnsafePointer<Float>, ids: UnsafePointer<Int32>, count n: Int) {
        guard let trainable else { return }
        EmbeddingBackward.backward(dOut, tokens: ids, count: n, width: table.cols, dTable: trainable.gradient.data)
    }
}
