import Foundation

/// Rotary position embedding.
extension Kernels {
    /// Rotates `heads` consecutive vectors of `headDim` floats in place for `position`.
    ///
    /// Frequency i is 1 / theta^(2i/headDim) and the angle position × frequency, both rounded to
    /// Float32 as Hugging Face computes them, so logits follow the reference at long positions too.
    public static func rope(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, position: Int, theta: Float, style: RoPEStyle) {
        let half = headDim / 2
        guard half > 0 else { return }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * half) { table in
            let cosines = table.baseAddress!
            let sines = cosines + half
            for i in 0..<half {
                let exponent = Float(2 * i) / Float(headDim)
                let frequency = 1 / Float(Foundation.pow(Double(theta), Double(exponent)))
                let angle = Double(Float(position) * frequency)
                cosines[i] = Float(Foundation.cos(angle))
                sines[i] = Float(Foundation.sin(angle))
            }
            for h in 0..<heads {
                let v = x + h * headDim
                switch style {
                case .halves:
                    for i in 0..<half {
                        let a = v[i], b = v[i + half]
                        v[i] = a * cosines[i] - b * sines[i]
                        v[i + half] = b * cosines[i] + a * sines[i]
                    }
                case .interleaved:
                    for i in 0..<half {
                        let a = v[2 * i], b = v[2 * i + 1]
                        v[2 * i] = a * cosines[i] - b * sines[i]
                        v[2 * i + 1] = b * cosines[i] + a * sines[i]
                    }
                }
            }
        }
    }
}
