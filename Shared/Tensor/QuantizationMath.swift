/// The scalar helpers GGML's reference quantizers share, reproduced for identical rounding.
enum QuantizationMath {
    /// Round half to even, as GGML's `nearest_int` does with its 1.5·2²³ trick (|x| < 2²²).
    @inline(__always)
    static func nearestInt(_ x: Float) -> Int32 {
        Int32(x.rounded(.toNearestOrEven))
    }

    /// The element of largest magnitude, keeping its sign; the first one wins a tie.
    @inline(__always)
    static func signedAbsMax(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var amax: Float = 0, max: Float = 0
        for i in 0..<count where abs(x[i]) > amax {
            amax = abs(x[i])
            max = x[i]
        }
        return max
    }
}
