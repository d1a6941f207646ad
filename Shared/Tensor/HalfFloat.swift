/// Conversions between Float32 and the two 16-bit float formats weights are stored in.
///
/// Half to float is done with integer and float operations (exact, and without the library call
/// `Float16` makes on CPUs lacking F16C); float to half goes through Swift's `Float16`, which
/// rounds to nearest-even like numpy and GGML. bfloat16 is the top half of a Float32, rounded to
/// nearest-even as PyTorch does.
public enum HalfFloat {
    /// The Float32 value of an IEEE binary16 bit pattern (exact: every half is a float).
    @inline(__always)
    public static func toFloat(_ h: UInt16) -> Float {
        let h32 = UInt32(h)
        let magnitude = (h32 & 0x7FFF) << 13
        // Scaling by 2^112 rebiases the exponent and normalises subnormal halves exactly;
        // infinities and NaNs keep their payload under an all-ones exponent.
        var bits = (Float(bitPattern: magnitude) * 0x1p112).bitPattern
        if h32 & 0x7C00 == 0x7C00 { bits = magnitude | 0x7F80_0000 }
        return Float(bitPattern: bits | ((h32 & 0x8000) << 16))
    }

    /// The IEEE binary16 bit pattern nearest to `f` (ties to even; overflow gives infinity).
    @inline(__always)
    public static func fromFloat(_ f: Float) -> UInt16 {
        Float16(f).bitPattern
    }

    /// The Float32 value of a bfloat16 bit pattern (exact).
    @inline(__always)
    public static func bf16ToFloat(_ b: UInt16) -> Float {
        Float(bitPattern: UInt32(b) << 16)
    }

    /// The bfloat16 bit pattern nearest to `f` (ties to even; NaN stays a quiet NaN).
    @inline(__always)
    public static func bf16FromFloat(_ f: Float) -> UInt16 {
        let bits = f.bitPattern
        if f.isNaN { return UInt16(truncatingIfNeeded: (bits >> 16) | 0x40) }
        let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: rounded >> 16)
    }

    /// Converts `count` binary16 values to Float32.
    public static func toFloat(_ src: UnsafePointer<UInt16>, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for i in 0..<count { dst[i] = toFloat(src[i]) }
    }

    /// Converts `count` bfloat16 values to Float32.
    public static func bf16ToFloat(_ src: UnsafePointer<UInt16>, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for i in 0..<count { dst[i] = bf16ToFloat(src[i]) }
    }
}
