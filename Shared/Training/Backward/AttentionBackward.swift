import Foundation
import Tensor

/// Causal scaled dot-product self-attention with grouped-query heads, forward and backward.
///
/// Shapes, for `sequences` sequences of `length` tokens laid out one after another:
/// q [sequences·length, heads·headDim]; k, v [sequences·length, kvHeads·headDim];
/// out, dOut, dq [sequences·length, heads·headDim]; dk, dv like k;
/// probabilities [sequences, heads, length, length] (kept by the forward for the backward);
/// scratch [length, length]. Query head h reads key/value head h / (heads / kvHeads).
/// Every product is one sgemm per head on strided operands; the T×T probabilities make the
/// memory quadratic in length, which suits the sequence lengths fine-tuning uses on a CPU.
public enum AttentionBackward {
    /// out_h = softmax(scale · Q_h K_gᵀ + causal mask) V_g for every sequence and head.
    public static func forward(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                               sequences: Int, length: Int, heads: Int, kvHeads: Int, headDim: Int, scale: Float? = nil,
                               probabilities: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let s = scale ?? 1 / Float(headDim).squareRoot()
        let qWidth = heads * headDim, kvWidth = kvHeads * headDim, group = heads / kvHeads
        for b in 0..<sequences {
            let qs = q + b * length * qWidth, ks = k + b * length * kvWidth, vs = v + b * length * kvWidth
            for h in 0..<heads {
                let g = h / group
                let p = probabilities + (b * heads + h) * length * length
                // P[length, length] = s · Q_h · K_gᵀ, then the causal softmax row by row.
                BLAS.sgemm(transA: false, transB: true, m: length, n: length, k: headDim, alpha: s,
                           a: qs + h * headDim, lda: qWidth, b: ks + g * headDim, ldb: kvWidth,
                           beta: 0, c: p, ldc: length)
                for i in 0..<length {
                    let row = p + i * length
                    Kernels.softmax(row, count: i + 1)
                    (row + i + 1).update(repeating: 0, count: length - i - 1)
                }
                // out_h[length, headDim] = P · V_g
                BLAS.sgemm(transA: false, transB: false, m: length, n: headDim, k: length, alpha: 1,
                           a: p, lda: length, b: vs + g * headDim, ldb: kvWidth,
                           beta: 0, c: out + b * length * qWidth + h * headDim, ldc: qWidth)
            }
        }
    }

    /// dq, dk, dv += the gradients of `forward`'s output: dV_g += Pᵀ dO_h; dP = dO_h V_gᵀ;
    /// dS = P ⊙ (dP - rowsum(P ⊙ dP)); dQ_h += scale · dS K_g; dK_g += scale · dSᵀ Q_h.
    public static func backward(_ dOut: UnsafePointer<Float>, q: UnsafePointer<Float>, k: UnsafePointer<Float>,
                                v: UnsafePointer<Float>, probabilities: UnsafePointer<Float>,
                                sequences: Int, length: Int, heads: Int, kvHeads: Int, headDim: Int, scale: Float? = nil,
                                scratch: UnsafeMutablePointer<Float>,
                                dq: UnsafeMutablePointer<Float>, dk: UnsafeMutablePointer<Float>, dv: UnsafeMutablePointer<Float>) {
        let s = scale ?? 1 / Float(headDim).squareRoot()
        let qWidth = heads * headDim, kvWidth = kvHeads * headDim, group = heads / kvHeads
        for b in 0..<sequences {
            let offsetQ = b * length * qWidth, offsetKV = b * length * kvWidth
            for h in 0..<heads {
                let g = h / group
                let p = probabilities + (b * heads + h) * length * length
                let dO = dOut + offsetQ + h * headDim
                // dV_g[length, headDim] += Pᵀ · dO_h
                BLAS.sgemm(transA: true, transB: false, m: length, n: headDim, k: length, alpha: 1,
                           a: p, lda: length, b: dO, ldb: qWidth, beta: 1, c: dv + offsetKV + g * headDim, ldc: kvWidth)
                // dP[length, length] = dO_h · V_gᵀ
                BLAS.sgemm(transA: false, transB: true, m: length, n: length, k: headDim, alpha: 1,
                           a: dO, lda: qWidth, b: v + offsetKV + g * headDim, ldb: kvWidth, beta: 0, c: scratch, ldc: length)
                // Softmax backward per row; masked entries have P = 0 and so get dS = 0.
                for i in 0..<length {
                    let pRow = p + i * length, dRow = scratch + i * length
                    let inner = Kernels.dot(pRow, dRow, count: i + 1)
                    for j in 0...i { dRow[j] = pRow[j] * (dRow[j] - inner) }
                    (dRow + i + 1).update(repeating: 0, count: length - i - 1)
                }
                // dQ_h += s · dS · K_g ;  dK_g += s · dSᵀ · Q_h
                BLAS.sgemm(transA: false, transB: false, m: length, n: headDim, k: length, alpha: s,
                           a: scratch, lda: length, b: k + offsetKV + g * headDim, ldb: kvWidth,
                           beta: 1, c: dq + offsetQ + h * headDim, ldc: qWidth)
                BLAS.sgemm(transA: true, transB: false, m: length, n: headDim, k: length, alpha: s,
                           a: scratch, lda: length, b: q + offsetQ + h * headDim, ldb: qWidth,
                           beta: 1, c: dk + offsetKV + g * headDim, ldc: kvWidth)
            }
        }
    }
}
