import Tensor

/// Table lookup out[i] = table[tokens[i]] with a trainable Float32 table, forward and backward.
///
/// Shapes: tokens [n], table [rows, width], out [n, width]. Learned position embeddings are
/// the same layer with positions as the ids. The backward scatter-adds, so a token seen twice
/// gets both rows' gradients.
public enum EmbeddingBackward {
    /// out [n, width] = table[tokens]; an id outside 0..<rows is an input error.
    public static func forward(_ tokens: UnsafePointer<Int32>, count n: Int, table: UnsafePointer<Float>,
                               rows: Int, width: Int, into out: UnsafeMutablePointer<Float>) throws {
        for i in 0..<n {
            let id = Int(tokens[i])
            guard id >= 0, id < rows else {
                throw TrainingError.invalidArgument("token id \(id) at position \(i) is outside the embedding table of \(rows) rows")
            }
            (out + i * width).update(from: table + id * width, count: width)
        }
    }

    /// dTable[tokens[i]] += dOut[i] for every i (ids already checked by `forward`).
    public static func backward(_ dOut: UnsafePointer<Float>, tokens: UnsafePointer<Int32>, count n: Int,
                                width: Int, dTable: UnsafeMutablePointer<Float>) {
        for i in 0..<n {
            Kernels.addInPlace(dTable + Int(tokens[i]) * width, dOut + i * width, count: width)
        }
    }
}
