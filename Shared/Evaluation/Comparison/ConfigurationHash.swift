import Foundation

/// A short, stable hash of an evaluation's configuration: FNV-1a (64-bit) over its JSON with sorted keys,
/// so equal settings give the same hash on every run and machine, and any changed setting a different one.
/// (Not a cryptographic hash: it tells runs apart, it does not guard against forgery.)
public enum ConfigurationHash {
    /// `fnv1a64:` and 16 hex digits of the hash of `value`'s sorted-key JSON.
    public static func of<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return "fnv1a64:" + hex(fnv1a64(data))
    }

    /// FNV-1a over `bytes`.
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
