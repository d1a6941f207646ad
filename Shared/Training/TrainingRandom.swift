import Foundation

/// A small, fast, seeded random number generator (xoshiro256**, seeded through SplitMix64)
/// for adapter initialisation, dropout masks and data shuffling.
///
/// The same seed gives the same stream on every machine and thread count, which is what makes
/// a training run repeatable and a resume exact: the state is four words that a checkpoint saves.
public struct TrainingRandom: RandomNumberGenerator, Sendable, Equatable, Codable {
    /// The generator's whole state (saved in checkpoints to resume the stream exactly).
    public var state: [UInt64]

    /// A generator whose stream is fixed by `seed`.
    public init(seed: UInt64) {
        var s = seed
        var words: [UInt64] = []
        for _ in 0..<4 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            words.append(z ^ (z >> 31))
        }
        state = words
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotateLeft(state[3], 45)
        return result
    }

    /// A uniform Float in [0, 1) with 24 random bits.
    public mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform Float in [lower, upper).
    public mutating func nextFloat(in lower: Float, _ upper: Float) -> Float {
        lower + (upper - lower) * nextUnitFloat()
    }

    /// A standard normal sample (Box–Muller).
    public mutating func nextGaussian() -> Float {
        let u1 = max(Double(next() >> 11) * 0x1p-53, 0x1p-60)
        let u2 = Double(next() >> 11) * 0x1p-53
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
