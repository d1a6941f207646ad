import Foundation
import Tensor

/// Rotary position embedding over a batch of sequences, forward and backward.
///
/// Shapes: x [rows, heads · headDim] with rows = sequences × sequenceLength and row i at
/// position firstPosition + i % sequenceLength. The rotation is orthogonal, so the backward is
/// the rotation by the opposite angle; both work in place because nothing else reads the
/// unrotated values (q and k go straight into attention).
public enum RoPEBackward {
    /// Rotates every row in place by its position's angles (the inference kernel, row by row).
    public static func forward(_ x: UnsafeMutablePointer<Float>, rows: Int, sequenceLength: Int, firstPosition: Int = 0,
                               heads: Int, headDim: Int, theta: Float, style: RoPEStyle) {
        for r in 0..<rows {
            Kernels.rope(x + r * heads * headDim, heads: heads, headDim: headDim,
                         position: firstPosition + r % sequenceLength, theta: theta, style: style)
        }
    }

    /// Turns dy (gradient w.r.t. the rotated values) into dx in place: dx = Rᵀ dy.
    public static func backward(_ dy: UnsafeMutablePointer<Float>, rows: Int, sequenceLength: Int, firstPosition: Int = 0,
                                heads: Int, headDim: Int, theta: Float, style: RoPEStyle) {
        let half = headDim / 2
        guard half > 0 else { return }
        var cosines = [Float](repeating: 0, count: half), sines = [Float](repeating: 0, count: half)
        for r in 0..<rows {
            fillAngles(position: firstPosition + r % sequenceLength, headDim: headDim, theta: theta,
                       cosines: &cosines, sines: &sines)
            for h in 0..<heads {
                let v = dy + r * heads * headDim + h * headDim
                for i in 0..<half {
                    let (p, q) = style == .halves ? (i, i + half) : (2 * i, 2 * i + 1)
                    let a = v[p], b = v[q]
                    v[p] = a * cosines[i] + b * sines[i]
                    v[q] = b * cosines[i] - a * sines[i]
                }
            }
        }
    }

    /// The cosines and sines Kernels.rope uses at `position`, rounded the same way (frequency and
    /// angle in Float32 as Hugging Face computes them), so the backward is the forward's exact transpose.
    static func fillAngles(position: Int, headDim: Int, theta: Float, cosines: inout [Float], sines: inout [Float]) {
        for i in 0..<headDim / 2 {
            let exponent = Float(2 * i) / Float(headDim)
            let frequency = 1 / Float(Foundation.pow(Double(theta), Double(exponent)))
            let angle = Double(Float(position) * frequency)
            cosines[i] = Float(Foundation.cos(angle))
            sines[i] = Float(Foundation.sin(angle))
        }
    }
}
