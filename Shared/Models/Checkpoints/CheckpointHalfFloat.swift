/// IEEE binary16 and bfloat16 conversions used when reading and writing checkpoint tensors.
///
/// Kept internal to the checkpoint code so it cannot clash with the Tensor module's
/// `HalfFloat`; both round to nearest-even, as numpy and PyTorch do, so a written file
/// matches theirs byte for byte.
enum CheckpointHalfFloat {
    /// binary16 bits to Float, exact for every value including subnormals, infinities and NaN.
    static func float(fromHalf h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x03FF)
        if exponent == 0 {
            // Subnormal or zero: value = mantissa * 2^-24, exact in Float.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }

    /// Float to binary16 bits, rounding to nearest-even; overflow gives infinity, NaN stays NaN.
    static func half(fromFloat f: Float) -> UInt16 {
        let bits = f.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x007F_FFFF
        if exponent == 0xFF {
            // Keep NaN a NaN: set the quiet bit and carry the top payload bits.
            return mantissa == 0 ? sign | 0x7C00 : sign | 0x7E00 | UInt16(mantissa >> 13)
        }
        let halfExponent = exponent - 112
        if halfExponent >= 0x1F {
            return sign | 0x7C00
        }
        if halfExponent <= 0 {
            // Result is subnormal (or rounds to zero): shift the full significand into place.
            guard halfExponent >= -10 else { return sign }
            let significand = mantissa | 0x0080_0000
            let shift = UInt32(14 - halfExponent)
            return sign | UInt16(roundShift(significand, by: shift))
        }
        // A carry out of the mantissa correctly bumps the exponent (and reaches infinity at the top).
        let combined = UInt32(halfExponent) << 23 | mantissa
        return sign | UInt16(roundShift(combined, by: 13))
    }

    /// bfloat16 bits to Float: the top half of a Float32, so exact.
    static func float(fromBFloat b: UInt16) -> Float {
        Float(bitPattern: UInt32(b) << 16)
    }

    /// Float to bfloat16 bits, rounding to nearest-even; NaN stays NaN.
    static func bfloat(fromFloat f: Float) -> UInt16 {
        let bits = f.bitPattern
        if f.isNaN {
            return UInt16(bits >> 16) | 0x0040
        }
        return UInt16(truncatingIfNeeded: roundShift(bits, by: 16))
    }

    /// `value >> shift` rounded to nearest, ties to even.
    private static func roundShift(_ value: UInt32, by shift: UInt32) -> UInt32 {
        let truncated = value >> shift
        let remainder = value & ((1 << shift) - 1)
        let half: UInt32 = 1 << (shift - 1)
        if remainder > half || (remainder == half && truncated & 1 == 1) {
            return truncated + 1
        }
        return truncated
    }
}
