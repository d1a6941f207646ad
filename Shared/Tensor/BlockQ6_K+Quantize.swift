/// Q6_K encoding, following GGML's quantize_row_q6_K_ref step for step.
extension BlockQ6_K {
    /// Encodes 256 floats: a scale per 16-weight sub-block by make_qx_quants' search, the 16 scales
    /// quantized to int8 against one f16 d, then every weight re-rounded against its final scale.
    static func quantize(_ x: UnsafePointer<Float>, into block: UnsafeMutableRawPointer) {
        var levels = [UInt8](repeating: 0, count: 256)
        var scales = [Float](repeating: 0, count: 16)
        var maxScale: Float = 0, maxAbsScale: Float = 0
        levels.withUnsafeMutableBufferPointer { levels in
            for ib in 0..<16 {
                let scale = Self.searchScale(x + 16 * ib, levels: levels.baseAddress! + 16 * ib)
                scales[ib] = scale
                if abs(scale) > maxAbsScale {
                    maxAbsScale = abs(scale)
                    maxScale = scale
                }
            }
        }
        let bytes = block.assumingMemoryBound(to: UInt8.self)
        if maxAbsScale < 1e-15 {
            for k in 0..<210 { bytes[k] = 0 }
            return
        }
        let iscale = -128 / maxScale
        let dBits = HalfFloat.fromFloat(1 / iscale)
        (block + 208).storeBytes(of: dBits, as: UInt16.self)
        let d = HalfFloat.toFloat(dBits)
        let sc = (block + 192).assumingMemoryBound(to: Int8.self)
        for ib in 0..<16 { sc[ib] = Int8(min(127, QuantizationMath.nearestInt(iscale * scales[ib]))) }
        for j in 0..<16 {
            let dj = d * Float(sc[j])
            if dj == 0 { continue }
            for i in 0..<16 {
                let l = max(-32, min(31, QuantizationMath.nearestInt(x[16 * j + i] / dj)))
                levels[16 * j + i] = UInt8(l + 32)
            }
        }
        for half in 0..<2 {
            let ql = bytes + 64 * half, qh = bytes + 128 + 32 * half
            let L = 128 * half
            for l in 0..<32 {
                let a = levels[L + l], b = levels[L + l + 32], c = levels[L + l + 64], e = levels[L + l + 96]
                ql[l] = (a & 0x0F) | ((c & 0x0F) << 4)
                ql[l + 32] = (b & 0x0F) | ((e & 0x0F) << 4)
                qh[l] = (a >> 4) | ((b >> 4) << 2) | ((c >> 4) << 4) | ((e >> 4) << 6)
            }
        }
    }

    /// GGML's make_qx_quants(16, 32, x, L, 1, NULL): a symmetric scale for levels -32...31 chosen
    /// among 19 candidates by x²-weighted least squares; writes levels + 32 and returns the scale.
    static func searchScale(_ x: UnsafePointer<Float>, levels: UnsafeMutablePointer<UInt8>) -> Float {
        let n = 16, nmax: Float = 32
        var amax: Float = 0, maxValue: Float = 0
        for i in 0..<n where abs(x[i]) > amax {
            amax = abs(x[i])
            maxValue = x[i]
        }
        if amax < 1e-15 {
            for i in 0..<n { levels[i] = 0 }
            return 0
        }
        var iscale = -nmax / maxValue
        var sumLX: Float = 0, sumL2: Float = 0
        for i in 0..<n {
            let l = max(-32, min(31, QuantizationMath.nearestInt(iscale * x[i])))
            levels[i] = UInt8(l + 32)
            let w = x[i] * x[i], lf = Float(l)
            sumLX += w * x[i] * lf
            sumL2 += w * lf * lf
        }
        var scale: Float = sumL2 != 0 ? sumLX / sumL2 : 0
        var best = scale * sumLX
        for step in -9...9 where step != 0 {
            iscale = -(nmax + 0.1 * Float(step)) / maxValue
            sumLX = 0
            sumL2 = 0
            for i in 0..<n {
                let l = max(-32, min(31, QuantizationMath.nearestInt(iscale * x[i])))
                let w = x[i] * x[i], lf = Float(l)
                sumLX += w * x[i] * lf
                sumL2 += w * lf * lf
            }
            if sumL2 > 0 && sumLX * sumLX > best * sumL2 {
                for i in 0..<n {
                    let l = max(-32, min(31, QuantizationMath.nearestInt(iscale * x[i])))
                    levels[i] = UInt8(l + 32)
                }
                scale = sumLX / sumL2
                best = scale * sumLX
            }
        }
        return scale
    }
}
