import Models
import Tensor

/// Serving through an adapter without writing a merged model: the adapter is folded into the
/// loaded weights in memory, W' = W + scaling · B · A, once at load.
///
/// Folding at load, rather than adding low-rank terms to every forward, leaves the inference
/// families untouched and costs nothing per token; the price is one adapter per loaded model.
extension LoRAAdapter {
    /// `model` with this adapter folded into every weight it targets.
    ///
    /// A targeted Float32 weight stays Float32. A targeted weight stored in another dtype is
    /// decoded, merged and, when `requantize` is true (QLoRA's 4-bit base), encoded again in its
    /// own dtype; otherwise it is kept as Float32, so the merge is exact. Untargeted weights are shared.
    public func merged(into model: any LanguageModel, requantize: Bool) throws -> any LanguageModel {
        let shape = model.shape
        var remaining = Set(modules.map(\.path))
        let ropeStyle = (model as? Llama)?.ropeStyle ?? .halves
        let result = try model.mapLinearWeights { name, weight in
            guard let target = AdapterWeightTarget.of(ggufName: name, family: layout.family, shape: shape),
                  weights[target.modulePath] != nil else { return weight }
            remaining.remove(target.modulePath)
            var values = weight.toFloat32()
            guard target.rows.count == weight.rows else {
                throw TrainingError.invalidAdapter("\(name) has \(weight.rows) rows; the adapter's \(target.modulePath) gives \(target.rows.count)")
            }
            var delta = try self.delta(modulePath: target.modulePath, rows: target.rows, columns: weight.cols)
            if ropeStyle == .interleaved, target.modulePath.hasSuffix("q_proj") || target.modulePath.hasSuffix("k_proj") {
                let heads = target.modulePath.hasSuffix("q_proj") ? shape.heads : shape.kvHeads
                delta = Self.interleavingRotaryPairs(delta, heads: heads, headDim: shape.headDim, columns: weight.cols)
            }
            for i in values.indices { values[i] += delta[i] }
            if weight.dtype == .f32 || !requantize {
                return try WeightMatrix.fromFloat32(values, rows: weight.rows, cols: weight.cols)
            }
            return try WeightMatrix.quantize(values, rows: weight.rows, cols: weight.cols, to: weight.dtype)
        }
        if let missed = remaining.sorted().first {
            throw TrainingError.invalidAdapter("the adapter targets \(missed), which the loaded \(shape.architecture) model cannot fold an adapter into")
        }
        return result
    }

    /// `model` with this adapter attached to every weight it targets as a low-rank term
    /// (`WeightMatrix.lowRank`): each product adds scaling · B · A · x, and the weights' encoded bytes
    /// are shared untouched. This is how QLoRA is served over its 4-bit base: exact, where folding
    /// would re-encode the adapted weights in 4 bits and round the adapter's contribution away.
    public func attached(to model: any LanguageModel) throws -> any LanguageModel {
        let shape = model.shape
        var remaining = Set(modules.map(\.path))
        let ropeStyle = (model as? Llama)?.ropeStyle ?? .halves
        let r = config.r
        let result = try model.mapLinearWeights { name, weight in
            guard let target = AdapterWeightTarget.of(ggufName: name, family: layout.family, shape: shape),
                  let pair = weights[target.modulePath] else { return weight }
            remaining.remove(target.modulePath)
            guard target.rows.count == weight.rows, pair.a.shape == [r, weight.cols], pair.b.shape[0] >= target.rows.upperBound else {
                throw TrainingError.invalidAdapter("the adapter's \(target.modulePath) does not fit \(name) [\(weight.rows), \(weight.cols)]")
            }
            let a = Array(UnsafeBufferPointer(start: pair.a.data, count: r * weight.cols))
            var b = Array(UnsafeBufferPointer(start: pair.b.data + target.rows.lowerBound * r, count: weight.rows * r))
            if ropeStyle == .interleaved, target.modulePath.hasSuffix("q_proj") || target.modulePath.hasSuffix("k_proj") {
                let heads = target.modulePath.hasSuffix("q_proj") ? shape.heads : shape.kvHeads
                b = Self.interleavingRotaryPairs(b, heads: heads, headDim: shape.headDim, columns: r)
            }
            return try weight.adding(try LowRankDelta(a: a, b: b, rows: weight.rows, cols: weight.cols, rank: r, scale: config.scaling))
        }
        if let missed = remaining.sorted().first {
            throw TrainingError.invalidAdapter("the adapter targets \(missed), which the loaded \(shape.architecture) model cannot attach an adapter to")
        }
        return result
    }

    /// scaling · B[rows] · A as a row-major [rows.count, columns] array.
    func delta(modulePath: String, rows: Range<Int>, columns: Int) throws -> [Float] {
        guard let pair = weights[modulePath], pair.a.shape == [config.r, columns], pair.b.shape[0] >= rows.upperBound else {
            throw TrainingError.invalidAdapter("the adapter's \(modulePath) does not fit a weight of \(columns) inputs and rows \(rows)")
        }
        var out = [Float](repeating: 0, count: rows.count * columns)
        let r = config.r
        out.withUnsafeMutableBufferPointer { c in
            BLAS.sgemm(transA: false, transB: false, m: rows.count, n: columns, k: r, alpha: config.scaling,
                       a: pair.b.data + rows.lowerBound * r, lda: r, b: pair.a.data, ldb: columns, beta: 0,
                       c: c.baseAddress!, ldc: columns)
        }
        return out
    }

    /// Rows reordered the way llama.cpp's converter permutes q and k for GGUF llama: within a head,
    /// row j·(d/2) + i (Hugging Face's halves) moves to row 2i + j (adjacent rotary pairs).
    static func interleavingRotaryPairs(_ values: [Float], heads: Int, headDim: Int, columns: Int) -> [Float] {
        var out = values
        let half = headDim / 2
        for h in 0..<heads {
            for j in 0..<2 {
                for i in 0..<half {
                    let from = (h * headDim + j * half + i) * columns, to = (h * headDim + 2 * i + j) * columns
                    for c in 0..<columns { out[to + c] = values[from + c] }
                }
            }
        }
        return out
    }
}
