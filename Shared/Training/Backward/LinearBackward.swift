import Tensor

/// The fully connected layer y = x · Wᵀ + b with trainable Float32 weights, forward and backward.
///
/// Shapes: x [n, inFeatures], W [outFeatures, inFeatures] (Hugging Face's orientation),
/// b [outFeatures], y [n, outFeatures]. Like every backward in this folder it adds into its
/// gradient buffers (llm.c's convention) so residual branches and micro-batches accumulate
/// without copies: zero the buffers before a step. A nil gradient buffer is not computed.
public enum LinearBackward {
    /// y [n, out] = x [n, in] · Wᵀ [in, out] + b.
    public static func forward(_ x: UnsafePointer<Float>, rows n: Int, inFeatures: Int, outFeatures: Int,
                               weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                               into y: UnsafeMutablePointer<Float>) {
        BLAS.sgemm(transA: false, transB: true, m: n, n: outFeatures, k: inFeatures, alpha: 1,
                   a: x, lda: inFeatures, b: weight, ldb: inFeatures, beta: 0, c: y, ldc: outFeatures)
        guard let bias else { return }
        for r in 0..<n { Kernels.addInPlace(y + r * outFeatures, bias, count: outFeatures) }
    }

    /// dx [n, in] += dy · W;  dW [out, in] += dyᵀ · x;  db [out] += Σ_rows dy.
    public static func backward(_ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, rows n: Int,
                                inFeatures: Int, outFeatures: Int, weight: UnsafePointer<Float>,
                                dx: UnsafeMutablePointer<Float>?, dWeight: UnsafeMutablePointer<Float>?,
                                dBias: UnsafeMutablePointer<Float>?) {
        if let dx {
            BLAS.sgemm(transA: false, transB: false, m: n, n: inFeatures, k: outFeatures, alpha: 1,
                       a: dy, lda: outFeatures, b: weight, ldb: inFeatures, beta: 1, c: dx, ldc: inFeatures)
        }
        if let dWeight {
            BLAS.sgemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: n, alpha: 1,
                       a: dy, lda: outFeatures, b: x, ldb: inFeatures, beta: 1, c: dWeight, ldc: inFeatures)
        }
        if let dBias {
            for r in 0..<n { Kernels.addInPlace(dBias, dy + r * outFeatures, count: outFeatures) }
        }
    }
}
