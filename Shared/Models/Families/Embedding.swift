import Tensor

/// Token and position embedding lookups: rows of a [count, width] table.
public enum Embedding {
    /// tokens [batch] -> y [batch, table.cols]; each id must already be checked against `table.rows`.
    public static func forward(_ tokens: UnsafeBufferPointer<Int32>, table: WeightMatrix,
                               into y: UnsafeMutablePointer<Float>) {
        for (b, token) in tokens.enumerated() {
            table.dequantizeRow(Int(token), into: y + b * table.cols)
        }
    }

    /// y [batch, table.cols] += rows firstRow..<firstRow+batch of `table` (learned positions).
    public static func addPositions(firstRow: Int, batch: Int, table: WeightMatrix, scratch: UnsafeMutablePointer<Float>,
                                    into y: UnsafeMutablePointer<Float>) {
        for b in 0..<batch {
            table.dequantizeRow(firstRow + b, into: scratch)
            Kernels.addInPlace(y + b * table.cols, scratch, count: table.cols)
        }
    }
}
