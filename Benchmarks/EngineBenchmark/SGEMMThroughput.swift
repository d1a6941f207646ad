import BenchmarkKit
import Models
import Tensor

/// The sgemm rate prefill can hope for: GFLOP/s of BLAS.sgemm on exactly one decoder layer's seven
/// projections with `m` = the prompt's token count, called the way `WeightMatrix.matmul` calls it
/// (x[m, in] · W[out, in]ᵀ, F32, `Threading.count` OpenBLAS threads).
enum SGEMMThroughput {
    /// The [out, in] shapes of one LLaMA-style layer's linear weights: q, k, v, o, gate, up, down.
    static func layerShapes(_ shape: ModelShape) -> [(rows: Int, cols: Int)] {
        let d = shape.hiddenSize, q = shape.queryWidth, kv = shape.kvWidth, f = shape.ffnWidth
        return [(q, d), (kv, d), (kv, d), (d, q), (f, d), (f, d), (d, f)]
    }

    /// GFLOP/s of each of `passes` timed rounds; a round repeats the layer's seven sgemm calls for at
    /// least `minimumSeconds` seconds.
    static func measure(shape: ModelShape, m: Int, passes: Int, minimumSeconds: Double = 0.4) -> [Double] {
        let shapes = layerShapes(shape)
        let widest = shapes.map { max($0.rows, $0.cols) }.max() ?? 1
        var generator = SplitMix64(seed: 42)
        let weights = shapes.map { s in (0..<(s.rows * s.cols)).map { _ in generator.nextFloat() } }
        let x = (0..<(m * widest)).map { _ in generator.nextFloat() }
        var y = [Float](repeating: 0, count: m * widest)
        let flopsPerRound = shapes.reduce(0.0) { $0 + 2 * Double(m) * Double($1.rows) * Double($1.cols) }
        func round() {
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    for (s, w) in zip(shapes, weights) {
                        w.withUnsafeBufferPointer { w in
                            BLAS.sgemm(transA: false, transB: true, m: m, n: s.rows, k: s.cols, alpha: 1,
                                       a: x.baseAddress!, lda: s.cols, b: w.baseAddress!, ldb: s.cols,
                                       beta: 0, c: y.baseAddress!, ldc: s.rows)
                        }
                    }
                }
            }
        }
        round()  // OpenBLAS starts its threads and packs its buffers on the first call.
        var rates: [Double] = []
        for _ in 0..<passes {
            var rounds = 0
            let start = Clock.seconds()
            var elapsed = 0.0
            repeat {
                round()
                rounds += 1
                elapsed = Clock.seconds() - start
            } while elapsed < minimumSeconds
            rates.append(flopsPerRound * Double(rounds) / elapsed / 1e9)
        }
        return rates
    }
}
