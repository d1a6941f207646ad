import Tensor

/// Scaled dot-product attention of a batch of new queries over every cached key before them,
/// with grouped-query heads (query head h reads key/value head h / (heads / kvHeads)).
public enum CausalSelfAttention {
    /// Up to this many queries, a BLAS call's fixed cost outweighs the arithmetic it would do.
    static let vectorBatchLimit = 4

    /// Multiply-adds of one decode step's attention worth splitting across threads.
    static let parallelWork = 64 << 10

    /// Attends queries at positions startPosition..<startPosition+batch over keys 0..<startPosition+batch.
    ///
    /// - query: [batch, heads * headDim], row b at position startPosition + b.
    /// - keys, values: [startPosition + batch, kvHeads * headDim], this layer's cache rows, the
    ///   batch's own rows already written.
    /// - scores: scratch of at least batch * (startPosition + batch) floats.
    /// - out: [batch, heads * headDim].
    /// Decode steps (a few queries) use plain dot products, whose cost is the cached keys and values
    /// read once; larger batches go through sgemm with strided operands, so a head is never copied
    /// out of its row.
    /// - scoresCapacity: floats `scores` holds; when it fits one row of scores per key/value head,
    ///   a decode step's heads are split across threads by key/value head.
    public static func forward(query: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
                               startPosition: Int, batch: Int, heads: Int, kvHeads: Int, headDim: Int, scale: Float,
                               scores: UnsafeMutablePointer<Float>, scoresCapacity: Int = 0,
                               into out: UnsafeMutablePointer<Float>) {
        let total = startPosition + batch
        let queryWidth = heads * headDim
        let kvWidth = kvHeads * headDim
        let group = heads / kvHeads
        if batch <= vectorBatchLimit {
            // Each key/value head's query heads read the same cached rows: bound by reading the cache.
            func attend(kvHead g: Int, scores: UnsafeMutablePointer<Float>) {
                for b in 0..<batch {
                    let visible = startPosition + b + 1
                    for h in (g * group)..<((g + 1) * group) {
                        let q = query + b * queryWidth + h * headDim
                        for j in 0..<visible {
                            scores[j] = scale * Kernels.dot(q, keys + j * kvWidth + g * headDim, count: headDim)
                        }
                        Kernels.softmax(scores, count: visible)
                        let o = out + b * queryWidth + h * headDim
                        o.update(repeating: 0, count: headDim)
                        for j in 0..<visible {
                            Kernels.axpy(scores[j], values + j * kvWidth + g * headDim, count: headDim, into: o)
                        }
                    }
                }
            }
            // Splitting pays once the cached rows outweigh a thread hand-off (a few microseconds).
            let parallel = kvHeads > 1 && scoresCapacity >= kvHeads * total && batch * total * queryWidth >= parallelWork
            if parallel {
                Threading.parallelFor(kvHeads) { g in attend(kvHead: g, scores: scores + g * total) }
            } else {
                for g in 0..<kvHeads { attend(kvHead: g, scores: scores) }
            }
            return
        }
        for h in 0..<heads {
            let g = h / group
            // scores[batch, total] = scale · Q_h[batch, headDim] · K_g[total, headDim]ᵀ
            BLAS.sgemm(transA: false, transB: true, m: batch, n: total, k: headDim, alpha: scale,
                       a: query + h * headDim, lda: queryWidth, b: keys + g * headDim, ldb: kvWidth,
                       beta: 0, c: scores, ldc: total)
            for b in 0..<batch {
                // Row b sees keys up to its own position; later ones are masked to weight zero.
                let visible = startPosition + b + 1
                let row = scores + b * total
                Kernels.softmax(row, count: visible)
                if visible < total { (row + visible).update(repeating: 0, count: total - visible) }
            }
            // out_h[batch, headDim] = scores[batch, total] · V_g[total, headDim]
            BLAS.sgemm(transA: false, transB: false, m: batch, n: headDim, k: total, alpha: 1,
                       a: scores, lda: total, b: values + g * headDim, ldb: kvWidth,
                       beta: 0, c: out + h * headDim, ldc: queryWidth)
        }
    }
}
