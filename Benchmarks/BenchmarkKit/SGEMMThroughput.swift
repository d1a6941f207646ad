import Models
import Tensor

/// The rate the engine's matrix work can hope for: GFLOP/s of BLAS.sgemm on one decoder layer's
/// projections with m rows (a prompt's or a batch's tokens), F32, `Threading.count` threads, called the
/// way `WeightMatrix.matmul` calls it: forward x[m, in]·W[out, in]ᵀ, and for training also the input
/// gradient dy[m, out]·W[out, in].
///
/// The operands are made once so that passes can run between the steps they are compared with: on a
/// shared machine the load changes from minute to minute, and a step is only comparable with sgemm
/// timed beside it.
public final class SGEMMThroughput {
    /// The [out, in] shapes of one layer's linear weights: q, k, v, o, then gate (when gated), up, down.
    public static func layerShapes(_ shape: ModelShape) -> [(rows: Int, cols: Int)] {
        let d = shape.hiddenSize, q = shape.queryWidth, kv = shape.kvWidth, f = shape.ffnWidth
        return [(q, d), (kv, d), (kv, d), (d, q)] + (shape.gatedFFN ? [(f, d)] : []) + [(f, d), (d, f)]
    }

    private let m: Int
    private let withInputGradient: Bool
    private let shapes: [(rows: Int, cols: Int)]
    private let weights: [[Float]]
    private let x: [Float]
    private var y: [Float]

    /// Operands for `shape`'s layer at `m` rows, filled with reproducible values and resident; with
    /// `withInputGradient` a round times the backward orientation too (a training step's), else the forward only
    /// (prefill's).
    public init(shape: ModelShape, m: Int, withInputGradient: Bool = true) {
        self.m = m
        self.withInputGradient = withInputGradient
        shapes = Self.layerShapes(shape)
        let widest = shapes.map { max($0.rows, $0.cols) }.max() ?? 1
        var random = SplitMix64(seed: 42)
        weights = shapes.map { s in (0..<(s.rows * s.cols)).map { _ in random.nextFloat() } }
        x = (0..<(m * widest)).map { _ in random.nextFloat() }
        y = [Float](repeating: 0, count: m * widest)
        round()  // OpenBLAS starts its threads and sizes its buffers on the first call.
    }

    /// Bytes the operands hold (resident from `init` on), so a caller can take them out of a peak.
    public var byteCount: Int { 4 * (weights.reduce(0) { $0 + $1.count } + x.count + y.count) }

    /// FLOPs of one round: every shape forward (and backward).
    public var flopsPerRound: Double {
        shapes.reduce(0.0) { $0 + (withInputGradient ? 4 : 2) * Double(m) * Double($1.rows) * Double($1.cols) }
    }

    /// GFLOP/s of rounds repeated for at least `minimumSeconds`.
    public func pass(minimumSeconds: Double = 0.5) -> Double {
        var rounds = 0
        let start = Clock.seconds()
        var elapsed = 0.0
        repeat {
            round()
            rounds += 1
            elapsed = Clock.seconds() - start
        } while elapsed < minimumSeconds
        return flopsPerRound * Double(rounds) / elapsed / 1e9
    }

    /// The layer's sgemm calls once; bound by FLOPs (every operand fits the shapes' panels).
    private func round() {
        let (m, withInputGradient) = (m, self.withInputGradient)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                for (s, w) in zip(shapes, weights) {
                    w.withUnsafeBufferPointer { w in
                        // y[m, out] = x[m, in] · Wᵀ (forward)
                        BLAS.sgemm(transA: false, transB: true, m: m, n: s.rows, k: s.cols, alpha: 1,
                                   a: x.baseAddress!, lda: s.cols, b: w.baseAddress!, ldb: s.cols,
                                   beta: 0, c: y.baseAddress!, ldc: s.rows)
                        guard withInputGradient else { return }
                        // dx[m, in] += dy[m, out] · W (input gradient)
                        BLAS.sgemm(transA: false, transB: false, m: m, n: s.cols, k: s.rows, alpha: 1,
                                   a: x.baseAddress!, lda: s.rows, b: w.baseAddress!, ldb: s.cols,
                                   beta: 1, c: y.baseAddress!, ldc: s.cols)
                    }
                }
            }
        }
    }
}
