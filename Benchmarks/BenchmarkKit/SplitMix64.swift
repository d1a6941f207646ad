/// SplitMix64: reproducible values on every platform and Swift release, for benchmark operands and inputs.
public struct SplitMix64 {
    private var state: UInt64

    /// A generator that always gives the same sequence for `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in [-1, 1) from the top 24 bits.
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) / 8_388_608 - 1
    }

    /// An integer in `0..<bound` (the bounds benchmarks use are tiny, so modulo bias does not matter).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 1 ? 0 : Int(next() % UInt64(bound))
    }

    /// True with probability `chance`.
    public mutating func chance(_ chance: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < chance
    }
}
