import Testing
@testable import Tensor

/// Quantized matmul against dequantize-then-multiply in Double, on every kernel path this CPU has.
///
/// The only approximation the quantized path makes is rounding x to 8 bits per group (error at
/// most d/2 = max|x_group| / 254 per element), so |y − y_ref| ≤ Σ_c |W[r,c]| · d(c)/2, plus
/// Float32 summation slack.
@Suite(.serialized) struct QuantizedMatmulTests {
    static let types: [DType] = [.q8_0, .q4_0, .q5_0, .q4_K, .q6_K]

    struct Problem {
        let m: WeightMatrix
        let w: [Float]
        let x: [Float]
        let batch: Int

        init(dtype: DType, rows: Int, cols: Int, batch: Int, seed: UInt64) throws {
            var rng = SplitMix(seed: seed)
            let values = (0..<(rows * cols)).map { i in rng.nextFloat() * (1 + Float((i / 64) % 3)) }
            m = try WeightMatrix.quantize(values, rows: rows, cols: cols, to: dtype)
            w = m.toFloat32()
            x = (0..<(batch * cols)).map { _ in rng.nextFloat() * 3 }
            self.batch = batch
        }

        /// The reference output and the error bound implied by 8-bit activations.
        func reference() -> (y: [Double], bound: [Double], magnitude: [Double]) {
            let group = m.dtype.blockElements == 256 ? 256 : 32
            var y = [Double](repeating: 0, count: batch * m.rows)
            var bound = [Double](repeating: 0, count: batch * m.rows)
            var magnitude = [Double](repeating: 0, count: batch * m.rows)
            for b in 0..<batch {
                let xb = Array(x[(b * m.cols)..<((b + 1) * m.cols)])
                let step = (0..<(m.cols / group)).map { g in Double(xb[(g * group)..<((g + 1) * group)].map(abs).max()!) / 127 / 2 }
                for r in 0..<m.rows {
                    var s = 0.0, e = 0.0, mag = 0.0
                    for c in 0..<m.cols {
                        let wv = Double(w[r * m.cols + c])
                        s += wv * Double(xb[c])
                        e += abs(wv) * step[c / group]
                        mag += abs(wv * Double(xb[c]))
                    }
                    y[b * m.rows + r] = s
                    bound[b * m.rows + r] = e * 1.0001 + mag * 1e-5
                    magnitude[b * m.rows + r] = mag
                }
            }
            return (y, bound, magnitude)
        }

        func run() -> [Float] {
            var y = [Float](repeating: .nan, count: batch * m.rows)
            m.matmul(x, batch: batch, into: &y)
            return y
        }
    }

    func check(_ p: Problem, path: String) {
        let (reference, bound, _) = p.reference()
        let y = p.run()
        var failures = 0
        for i in y.indices where !(abs(Double(y[i]) - reference[i]) <= bound[i]) {
            failures += 1
            if failures <= 3 {
                Issue.record("\(p.m.dtype) on \(path): y[\(i)] = \(y[i]), reference \(reference[i]), bound \(bound[i])")
            }
        }
        #expect(failures == 0)
    }

    @Test(arguments: types) func singleInputStaysWithinActivationRounding(dtype: DType) throws {
        let p = try Problem(dtype: dtype, rows: 37, cols: 512, batch: 1, seed: 1)
        for path in KernelSelection.available {
            KernelSelection.current = path
            check(p, path: path.name)
        }
        KernelSelection.current = KernelSelection.available.last!
    }

    @Test(arguments: types) func smallBatchStaysWithinActivationRounding(dtype: DType) throws {
        let p = try Problem(dtype: dtype, rows: 21, cols: 768, batch: 3, seed: 2)
        for path in KernelSelection.available {
            KernelSelection.current = path
            check(p, path: path.name)
        }
        KernelSelection.current = KernelSelection.available.last!
    }

    @Test(arguments: types) func largeBatchStaysWithinActivationRounding(dtype: DType) throws {
        // Nine inputs: the batched kernels take them four at a time, the last group holding one
        // (paths without batched kernels multiply decoded panels, closer still).
        let p = try Problem(dtype: dtype, rows: 40, cols: 512, batch: 9, seed: 3)
        for path in KernelSelection.available {
            KernelSelection.current = path
            check(p, path: path.name)
        }
        KernelSelection.current = KernelSelection.available.last!
    }

    @Test(arguments: [DType.q8_0, .q4_0, .q5_0]) func oddBlockCountBatchStaysWithinActivationRounding(dtype: DType) throws {
        // Three 32-element blocks per row: the batched kernels need pairs, so the row kernels run.
        let p = try Problem(dtype: dtype, rows: 19, cols: 96, batch: 6, seed: 5)
        for path in KernelSelection.available {
            KernelSelection.current = path
            check(p, path: path.name)
        }
        KernelSelection.current = KernelSelection.available.last!
    }

    @Test func sharedInputMatmulEqualsSeparateMatmuls() throws {
        // q, k and v of mixed layouts reading one input, as a decoder layer calls them.
        let q = try Problem(dtype: .q5_0, rows: 24, cols: 256, batch: 5, seed: 6)
        let k = try WeightMatrix.quantize(q.w.map { $0 * 0.5 }, rows: 24, cols: 256, to: .q6_K)
        let v = try WeightMatrix.quantize(q.w, rows: 24, cols: 256, to: .q8_0)
        let out = UnsafeMutablePointer<Float>.allocate(capacity: 3 * 5 * 24)
        defer { out.deallocate() }
        out.initialize(repeating: .nan, count: 3 * 5 * 24)
        WeightMatrix.matmul(q.x, batch: 5, weights: [q.m, k, v], into: [out, out + 120, out + 240])
        let fused = (0..<3).map { Array(UnsafeBufferPointer(start: out + 120 * $0, count: 120)) }
        for (m, y) in zip([q.m, k, v], fused) {
            var separate = [Float](repeating: .nan, count: 5 * 24)
            m.matmul(q.x, batch: 5, into: &separate)
            #expect(separate == y)
        }
    }

    @Test func pathsAgreeOnTheSameProblem() throws {
        let p = try Problem(dtype: .q4_K, rows: 64, cols: 1024, batch: 1, seed: 4)
        var outputs: [[Float]] = []
        for path in KernelSelection.available {
            KernelSelection.current = path
            outputs.append(p.run())
        }
        KernelSelection.current = KernelSelection.available.last!
        for o in outputs.dropFirst() {
            let worst = zip(o, outputs[0]).map { abs($0 - $1) / max(abs($1), 1) }.max()!
            #expect(worst < 1e-4)
        }
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func nextFloat() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
}
