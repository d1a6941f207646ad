import Foundation
import Testing
@testable import Tensor

/// A low-rank term on a weight (W + scale · B · A) is part of every product with it, in every
/// dtype and batch size, and of its Float32 value, while the encoded bytes stay as they were.
@Suite struct LowRankDeltaTests {
    static let rows = 24, cols = 64, rank = 3

    static func values(_ count: Int, seed: Float) -> [Float] {
        (0..<count).map { sin(Float($0) * 0.37 + seed) * 0.5 }
    }

    static func delta() throws -> LowRankDelta {
        try LowRankDelta(a: values(rank * cols, seed: 1), b: values(rows * rank, seed: 2), rows: rows, cols: cols, rank: rank, scale: 0.75)
    }

    /// y = x · (W + delta)ᵀ computed naively from the matrix's stored value and the dense delta.
    static func reference(_ m: WeightMatrix, _ delta: LowRankDelta, x: [Float], batch: Int) -> [Float] {
        let w = m.storedFloat32(), d = delta.dense()
        var y = [Float](repeating: 0, count: batch * rows)
        for b in 0..<batch {
            for r in 0..<rows {
                var sum: Float = 0
                for c in 0..<cols { sum += x[b * cols + c] * (w[r * cols + c] + d[r * cols + c]) }
                y[b * rows + r] = sum
            }
        }
        return y
    }

    static func maxRelative(_ y: [Float], _ expected: [Float]) -> Float {
        let scale = expected.map(abs).max() ?? 1
        return zip(y, expected).map { abs($0 - $1) / scale }.max() ?? .infinity
    }

    @Test(arguments: [DType.f32, .q8_0, .q4_0], [1, 5, 40])
    func everyProductIncludesTheTerm(dtype: DType, batch: Int) throws {
        let plain = try WeightMatrix.quantize(Self.values(Self.rows * Self.cols, seed: 3), rows: Self.rows, cols: Self.cols, to: dtype)
        let delta = try Self.delta()
        let m = try plain.adding(delta)
        #expect(m.bytes == plain.bytes && m.dtype == dtype)
        let x = Self.values(batch * Self.cols, seed: 4)
        var y = [Float](repeating: .nan, count: batch * Self.rows)
        var withoutTerm = y
        m.matmul(x, batch: batch, into: &y)
        plain.matmul(x, batch: batch, into: &withoutTerm)
        // The quantized kernels round x to bytes; the term itself is exact in Float32.
        let tolerance: Float = dtype == .f32 ? 1e-5 : 2e-2
        #expect(Self.maxRelative(y, Self.reference(m, delta, x: x, batch: batch)) < tolerance)
        #expect(Self.maxRelative(y, withoutTerm) > 0.05, "the term changed the product")

        var decoded = [Float](repeating: .nan, count: batch * Self.rows)
        m.matmulDecoded(x, batch: batch, into: &decoded)
        #expect(Self.maxRelative(decoded, Self.reference(m, delta, x: x, batch: batch)) < 1e-5)
    }

    @Test func sharedInputProductsIncludeEachMatrixsTerm() throws {
        let delta = try Self.delta()
        let first = try WeightMatrix.quantize(Self.values(Self.rows * Self.cols, seed: 5), rows: Self.rows, cols: Self.cols, to: .q8_0)
        let second = try WeightMatrix.quantize(Self.values(Self.rows * Self.cols, seed: 6), rows: Self.rows, cols: Self.cols, to: .q8_0)
        let adapted = try first.adding(delta)
        let x = Self.values(Self.cols, seed: 7)
        var y0 = [Float](repeating: .nan, count: Self.rows), y1 = y0, one0 = y0, one1 = y0
        y0.withUnsafeMutableBufferPointer { p0 in
            y1.withUnsafeMutableBufferPointer { p1 in
                WeightMatrix.matmul(x, batch: 1, weights: [adapted, second], into: [p0.baseAddress!, p1.baseAddress!])
            }
        }
        adapted.matmul(x, batch: 1, into: &one0)
        second.matmul(x, batch: 1, into: &one1)
        #expect(Self.maxRelative(y0, one0) < 1e-6)
        #expect(Self.maxRelative(y1, one1) < 1e-6)
    }

    @Test func theFloatValueIncludesTheTermAndTheStoredOneDoesNot() throws {
        let plain = try WeightMatrix.quantize(Self.values(Self.rows * Self.cols, seed: 8), rows: Self.rows, cols: Self.cols, to: .q4_0)
        let delta = try Self.delta()
        let m = try plain.adding(delta)
        let full = m.toFloat32(), stored = plain.toFloat32(), dense = delta.dense()
        #expect(zip(zip(full, stored), dense).allSatisfy { abs($0.0 - $0.1 - $1) < 1e-6 })
        #expect(m.storedFloat32() == stored)
    }

    @Test func aTermOfTheWrongShapeIsRefused() throws {
        let m = try WeightMatrix.fromFloat32(Self.values(Self.rows * Self.cols, seed: 9), rows: Self.rows, cols: Self.cols)
        let other = try LowRankDelta(a: Self.values(Self.rank * 32, seed: 1), b: Self.values(Self.rows * Self.rank, seed: 2),
                                     rows: Self.rows, cols: 32, rank: Self.rank, scale: 1)
        #expect(throws: TensorError.self) { try m.adding(other) }
        #expect(throws: TensorError.self) {
            try LowRankDelta(a: [1, 2], b: [3], rows: 1, cols: 2, rank: 2, scale: 1)
        }
    }
}
