/// Q4_K encoding, following GGML's quantize_row_q4_K_ref step for step.
extension BlockQ4_K {
    /// Encodes 256 floats: per sub-block an importance-weighted search for scale and minimum
    /// (make_qkx2_quants), then the eight scales and minimums quantized to 6 bits against d and dmin.
    static func quantize(_ x: UnsafePointer<Float>, into block: UnsafeMutableRawPointer) {
        var levels = [UInt8](repeating: 0, count: 256)
        var scales = [Float](repeating: 0, count: 8)
        var mins = [Float](repeating: 0, count: 8)
        var weights = [Float](repeating: 0, count: 32)
        var maxScale: Float = 0, maxMin: Float = 0
        levels.withUnsafeMutableBufferPointer { levels in
            for j in 0..<8 {
                let xs = x + 32 * j
                var sumX2: Float = 0
                for l in 0..<32 { sumX2 += xs[l] * xs[l] }
                let avX = (sumX2 / 32).squareRoot()
                for l in 0..<32 { weights[l] = avX + abs(xs[l]) }
                let (scale, minimum) = weights.withUnsafeBufferPointer {
                    Self.searchScaleAndMin(xs, weights: $0.baseAddress!, levels: levels.baseAddress! + 32 * j)
                }
                scales[j] = scale
                mins[j] = minimum
                if scale > maxScale { maxScale = scale }
                if minimum > maxMin { maxMin = minimum }
            }
        }
        let invScale: Float = maxScale > 0 ? 63 / maxScale : 0
        let invMin: Float = maxMin > 0 ? 63 / maxMin : 0
        let packed = (block + 4).assumingMemoryBound(to: UInt8.self)
        for k in 0..<12 { packed[k] = 0 }
        for j in 0..<8 {
            let ls = UInt8(min(63, QuantizationMath.nearestInt(invScale * scales[j])))
            let lm = UInt8(min(63, QuantizationMath.nearestInt(invMin * mins[j])))
            if j < 4 {
                packed[j] = ls
                packed[j + 4] = lm
            } else {
                packed[j + 4] = (ls & 0x0F) | ((lm & 0x0F) << 4)
                packed[j - 4] |= (ls >> 4) << 6
                packed[j] |= (lm >> 4) << 6
            }
        }
        let dBits = HalfFloat.fromFloat(maxScale / 63), dminBits = HalfFloat.fromFloat(maxMin / 63)
        block.storeBytes(of: dBits, as: UInt16.self)
        (block + 2).storeBytes(of: dminBits, as: UInt16.self)
        let d = HalfFloat.toFloat(dBits), dmin = HalfFloat.toFloat(dminBits)
        for j in 0..<8 {
            let (sc, m) = scaleAndMin(j, UnsafePointer(packed))
            let dj = d * Float(sc)
            if dj == 0 { continue }
            let dm = dmin * Float(m)
            for l in 0..<32 {
                let q = QuantizationMath.nearestInt((x[32 * j + l] + dm) / dj)
                levels[32 * j + l] = UInt8(max(0, min(15, q)))
            }
        }
        let qs = (block + 16).assumingMemoryBound(to: UInt8.self)
        for g in 0..<4 {
            for l in 0..<32 {
                qs[32 * g + l] = levels[64 * g + l] | (levels[64 * g + l + 32] << 4)
            }
        }
    }

    /// GGML's make_qkx2_quants(32, 15, x, weights, L, &min, Laux, -1, 0.1, 20, false): fits
    /// x ≈ scale·L - min with L in 0...15 by weighted least squares over 21 candidate scales.
    /// Returns the scale and the (non-negative) minimum and writes the levels.
    static func searchScaleAndMin(_ x: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                                  levels: UnsafeMutablePointer<UInt8>) -> (Float, Float) {
        let n = 32, nmax: Float = 15
        let rmin: Float = -1, rdelta: Float = 0.1, nstep = 20
        var lo = x[0], hi = x[0]
        var sumW = weights[0]
        var sumX = sumW * x[0]
        for i in 1..<n {
            if x[i] < lo { lo = x[i] }
            if x[i] > hi { hi = x[i] }
            let w = weights[i]
            sumW += w
            sumX += w * x[i]
        }
        if lo > 0 { lo = 0 }
        if hi == lo {
            for i in 0..<n { levels[i] = 0 }
            return (0, -lo)
        }
        var iscale = nmax / (hi - lo)
        var scale = 1 / iscale
        var bestError: Float = 0
        for i in 0..<n {
            let l = max(0, min(Int32(nmax), QuantizationMath.nearestInt(iscale * (x[i] - lo))))
            levels[i] = UInt8(l)
            let diff = scale * Float(l) + lo - x[i]
            bestError += weights[i] * (diff * diff)
        }
        var candidate = [UInt8](repeating: 0, count: n)
        for step in 0...nstep {
            iscale = (rmin + rdelta * Float(step) + nmax) / (hi - lo)
            var sumL: Float = 0, sumL2: Float = 0, sumXL: Float = 0
            for i in 0..<n {
                let l = max(0, min(Int32(nmax), QuantizationMath.nearestInt(iscale * (x[i] - lo))))
                candidate[i] = UInt8(l)
                let w = weights[i], lf = Float(l)
                sumL += w * lf
                sumL2 += w * lf * lf
                sumXL += w * lf * x[i]
            }
            let det = sumW * sumL2 - sumL * sumL
            if det > 0 {
                var thisScale = (sumW * sumXL - sumX * sumL) / det
                var thisMin = (sumL2 * sumX - sumL * sumXL) / det
                if thisMin > 0 {
                    thisMin = 0
                    thisScale = sumXL / sumL2
                }
                var error: Float = 0
                for i in 0..<n {
                    let diff = thisScale * Float(candidate[i]) + thisMin - x[i]
                    error += weights[i] * (diff * diff)
                }
                if error < bestError {
                    for i in 0..<n { levels[i] = candidate[i] }
                    bestError = error
                    scale = thisScale
                    lo = thisMin
                }
            }
        }
        return (scale, -lo)
    }
}
